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
    public func write(to path: String, format: TableFormat, selection: OutreachSelection.Result? = nil,
                      segments: RFMSegments? = nil, numericColumns: [(name: String, values: [Double])] = []) throws {
        let writer = try AtomicFileWriter(path: path)
        let gains = selection?.netGains
        let names = RiskList.columnNames + (gains == nil ? [] : ["expected_net_gain"]) + (segments == nil ? [] : RFMSegments.columnNames)
            + numericColumns.map(\.name)
        let indices = selection?.indices ?? Array(rows.indices)
        let jsonKeys = names.map(NumberText.jsonString)
        if format == .csv { try writer.write(names.map(CSVText.quoted).joined(separator: ",") + "\n") }
        let modelField = format == .csv ? CSVText.quoted(modelID) : NumberText.jsonString(modelID)
        let scoredField = format == .csv ? CSVText.quoted(scoredAt) : NumberText.jsonString(scoredAt)
        let missing = format == .csv ? "" : "null"
        func text(_ value: String) -> String { format == .csv ? RiskList.csvField(value) : NumberText.jsonString(value) }
        func money(_ value: Double?) -> String {
            guard let value, value.isFinite else { return missing }
            return NumberText.fixed(value, 2)
        }
        var fields: [String] = []
        fields.reserveCapacity(names.count)
        for (position, k) in indices.enumerated() {
            let customer = rows[k]
            fields.removeAll(keepingCapacity: true)
            fields.append(String(k + 1))
            fields.append(text(customer.customerID))
            fields.append(format == .csv ? NumberText.format(customer.churnProbability) : NumberText.json(customer.churnProbability))
            fields.append(String(decile(at: k)))
            fields.append(text(band(at: k).rawValue))
            for r in 0..<3 {
                if r < customer.reasons.count { fields.append(text(customer.reasons[r].text)) }
                else { fields.append(missing) }
            }
            fields.append(money(customer.valueAtRisk))
            fields.append(modelField)
            fields.append(scoredField)
            if let gains { fields.append(money(gains[position])) }
            if let segments {
                let s = segments.scores[customer.row]
                let segmentFields = segments.fields(customer.row)
                if format == .csv {
                    fields += segmentFields.map(RiskList.csvField)
                } else {
                    fields += [String(s.recency), String(s.frequency), String(s.monetary), NumberText.jsonString(s.code),
                               NumberText.jsonString(s.segment.rawValue)]
                }
            }
            for column in numericColumns { fields.append(money(column.values[customer.row])) }
            switch format {
            case .csv:
                try writer.write(fields.joined(separator: ",") + "\n")
            case .jsonl:
                var line = "{"
                for (j, field) in fields.enumerated() {
                    if j > 0 { line += "," }
                    line += jsonKeys[j] + ":" + field
                }
                try writer.write(line + "}\n")
            }
        }
        try writer.commit()
    }
}

extension RiskList {
    /// ``CSVText/quoted(_:)`` with a byte scan first: most fields need no quotes.
    static func csvField(_ field: String) -> String {
        let plain = field.utf8.allSatisfy { $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "\"") && $0 != 10 && $0 != 13 }
        return plain ? field : CSVText.quoted(field)
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
