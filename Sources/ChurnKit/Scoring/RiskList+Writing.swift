import Foundation

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
    /// A million rows in a nightly run, each with three reasons computed here: the rows are
    /// formatted in waves of 8,192-row blocks, one block per core, each into its
    /// own reused buffer, and the buffers are written in order after each wave. Every row's bytes
    /// depend on that row alone, so the file is the same for any number of threads.
    public func write(to path: String, format: TableFormat, selection: OutreachSelection.Result? = nil,
                      segments: RFMSegments? = nil, numericColumns: [(name: String, values: [Double])] = []) throws {
        try write(to: path, format: format, selection: selection, segments: segments, numericColumns: numericColumns, threads: nil)
    }

    /// Rows per block of the parallel writer (about 1.3 MB of CSV with reasons).
    static let parallelBlockRows = 8192

    /// ``write(to:format:selection:segments:numericColumns:)`` on `threads` threads (nil: up to
    /// two, one when fewer than four blocks), for the tests that compare thread counts.
    func write(to path: String, format: TableFormat, selection: OutreachSelection.Result?, segments: RFMSegments?,
               numericColumns: [(name: String, values: [Double])], threads: Int?) throws {
        let writer = try AtomicFileWriter(path: path)
        let names = RiskList.columnNames + (selection?.netGains == nil ? [] : ["expected_net_gain"])
            + (segments == nil ? [] : RFMSegments.columnNames) + numericColumns.map(\.name)
        if format == .csv { try writer.write(names.map(CSVText.quoted).joined(separator: ",") + "\n") }
        let fields = RiskRowFields(list: self, format: format, names: names, gains: selection?.netGains, segments: segments,
                                   numericColumns: numericColumns)
        let indices = selection?.indices
        let total = indices?.count ?? count
        let blockRows = RiskList.parallelBlockRows
        let threadCount = max(1, threads ?? (total >= 4 * blockRows ? min(2, System.activeProcessorCount) : 1))
        var buffers = (0..<threadCount).map { _ in RowText(format: format, names: names) }
        var waveStart = 0
        while waveStart < total {
            let waveEnd = min(total, waveStart + threadCount * blockRows)
            let first = waveStart
            buffers.withUnsafeMutableBufferPointer { buffers in
                let rows = RiskRowFields.Buffers(buffers.baseAddress!)
                let formatBlock: @Sendable (Int) -> Void = { t in
                    let lo = first + t * blockRows, hi = min(waveEnd, lo + blockRows)
                    guard lo < hi else { return }
                    for position in lo..<hi { fields.write(position: position, rank: indices?[position] ?? position, into: &rows.pointer[t]) }
                }
                if threadCount == 1 { formatBlock(0) } else { DispatchQueue.concurrentPerform(iterations: threadCount, execute: formatBlock) }
            }
            for t in 0..<threadCount { try buffers[t].flush(to: writer) }
            waveStart = waveEnd
        }
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
