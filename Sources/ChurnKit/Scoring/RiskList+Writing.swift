extension RiskList {
    /// The columns of a written risk list, in order.
    public static let columnNames = ["rank", "customer_id", "churn_probability", "decile", "risk_band", "reason_1", "reason_2",
                                     "reason_3", "expected_value_at_risk", "model_id", "scored_at"]

    /// Writes the rows at `selection.indices` (every row when nil), in rank order, atomically.
    ///
    /// With a budget selection an `expected_net_gain` column follows; with `segments` (built from
    /// the same feature table that was scored, joined by row) the RFM columns follow. Probabilities
    /// are written in round-tripping form, money with two decimals (as are `numericColumns`, indexed
    /// by feature-table row, e.g. `churn score --with-clv`); a missing value is an empty
    /// field (CSV) or `null` (JSON Lines).
    ///
    /// A documented hot loop (one million rows for a nightly run): `writeRow` appends every field's
    /// bytes to one reused buffer, so it stays a local function over the shared row state.
    public func write(to path: String, format: TableFormat, selection: OutreachSelection.Result? = nil,
                      segments: RFMSegments? = nil, numericColumns: [(name: String, values: [Double])] = []) throws {
        let writer = try AtomicFileWriter(path: path)
        let gains = selection?.netGains
        let names = RiskList.columnNames + (gains == nil ? [] : ["expected_net_gain"]) + (segments == nil ? [] : RFMSegments.columnNames)
            + numericColumns.map(\.name)
        if format == .csv { try writer.write(names.map(CSVText.quoted).joined(separator: ",") + "\n") }
        var row = RowText(format: format, names: names)
        let modelField = row.encoded(modelID), scoredField = row.encoded(scoredAt)
        func writeRow(position: Int, _ k: Int) {
            let i = order[k]
            row.field(0)
            NumberText.appendInteger(Int64(k + 1), to: &row.bytes)
            row.field(1)
            row.text(customerIDs[i])
            row.field(2)
            if format == .csv { NumberText.appendFormat(probabilities[i], to: &row.bytes) } else { NumberText.appendJSON(probabilities[i], to: &row.bytes) }
            row.field(3)
            NumberText.appendInteger(Int64(decile(at: k)), to: &row.bytes)
            row.field(4)
            row.text(band(at: k).rawValue)
            let shown = reasons(at: k)
            for r in 0..<3 {
                row.field(5 + r)
                if r < shown.count { row.reason(shown[r]) } else { row.missing() }
            }
            row.field(8)
            row.money(valueAtRisk(at: k))
            row.field(9)
            row.bytes.append(contentsOf: modelField)
            row.field(10)
            row.bytes.append(contentsOf: scoredField)
            var j = 11
            if let gains {
                row.field(j)
                row.money(gains[position])
                j += 1
            }
            let tableRow = tableRow(at: k)
            if let segments {
                let s = segments.scores[tableRow]
                if format == .csv {
                    for field in segments.fields(tableRow) {
                        row.field(j)
                        row.text(field)
                        j += 1
                    }
                } else {
                    for value in [s.recency, s.frequency, s.monetary] {
                        row.field(j)
                        NumberText.appendInteger(Int64(value), to: &row.bytes)
                        j += 1
                    }
                    for text in [s.code, s.segment.rawValue] {
                        row.field(j)
                        row.text(text)
                        j += 1
                    }
                }
            }
            for column in numericColumns {
                row.field(j)
                row.money(column.values[tableRow])
                j += 1
            }
            row.endRow()
        }
        if let indices = selection?.indices {
            for (position, k) in indices.enumerated() {
                writeRow(position: position, k)
                if row.bytes.count >= RowText.flushBytes { try row.flush(to: writer) }
            }
        } else {
            for k in 0..<count {
                writeRow(position: k, k)
                if row.bytes.count >= RowText.flushBytes { try row.flush(to: writer) }
            }
        }
        try row.flush(to: writer)
        try writer.commit()
    }
}

extension RFMSegments {
    /// Writes one row per customer atomically: `customer_id`, `days_since_last`, `frequency`,
    /// `monetary_total`, the scores, the segment and, given probabilities, `churn_probability`.
    public func write(to path: String, format: TableFormat, churnProbabilities: [Double]? = nil) throws {
        let writer = try AtomicFileWriter(path: path)
        let names = ["customer_id", "days_since_last", "frequency", "monetary_total"] + RFMSegments.columnNames
            + (churnProbabilities == nil ? [] : ["churn_probability"])
        if format == .csv { try writer.write(names.map(CSVText.quoted).joined(separator: ",") + "\n") }
        let keys = names.map(NumberText.jsonString)
        for i in customerIDs.indices {
            let s = scores[i]
            let numbers = [daysSinceLast[i], frequency[i], monetaryTotal[i]]
            switch format {
            case .csv:
                var fields = [CSVText.quoted(customerIDs[i])] + numbers.map(NumberText.format) + fields(i).map(CSVText.quoted)
                if let churnProbabilities { fields.append(NumberText.format(churnProbabilities[i])) }
                try writer.write(fields.joined(separator: ",") + "\n")
            case .jsonl:
                var values = [NumberText.jsonString(customerIDs[i])] + numbers.map(NumberText.json)
                values += [String(s.recency), String(s.frequency), String(s.monetary), NumberText.jsonString(s.code), NumberText.jsonString(s.segment.rawValue)]
                if let churnProbabilities { values.append(NumberText.json(churnProbabilities[i])) }
                try writer.write("{" + zip(keys, values).map { $0 + ":" + $1 }.joined(separator: ",") + "}\n")
            }
        }
        try writer.commit()
    }
}
