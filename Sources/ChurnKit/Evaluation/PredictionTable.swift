/// The per-row predictions behind an evaluation, for checking them in another tool: one row per
/// evaluated row with its customer, label and churn probability (out-of-fold under
/// cross-validation, with the fold that predicted it; with rolling snapshots, the cut-off).
///
/// Columns: `customer_id`, `cutoff` (transaction logs), `is_churn`, `churn_probability` (shortest
/// round-tripping form), `fold` (cross-validation). Rows keep the data's order.
public struct PredictionTable: Sendable {
    /// One customer id per row.
    public var customerIDs: [String]
    /// Per row, the cut-off its features are as of; nil for labelled tables.
    public var cutoffs: [CalendarDay]?
    /// The observed 0/1 label per row.
    public var labels: [Double]
    /// The predicted churn probability per row.
    public var probabilities: [Double]
    /// Per row, the 1-based fold that predicted it; nil outside cross-validation.
    public var folds: [Int]?

    /// A table of equal-length columns; `cutoffs` and `folds` are nil when there is one cut-off or no cross-validation.
    public init(customerIDs: [String], cutoffs: [CalendarDay]?, labels: [Double], probabilities: [Double], folds: [Int]? = nil) {
        precondition(labels.count == customerIDs.count && probabilities.count == customerIDs.count,
                     "\(customerIDs.count) ids, \(labels.count) labels, \(probabilities.count) probabilities")
        if let cutoffs { precondition(cutoffs.count == customerIDs.count, "\(cutoffs.count) cut-offs for \(customerIDs.count) rows") }
        if let folds { precondition(folds.count == customerIDs.count, "\(folds.count) folds for \(customerIDs.count) rows") }
        self.customerIDs = customerIDs
        self.cutoffs = cutoffs
        self.labels = labels
        self.probabilities = probabilities
        self.folds = folds
    }

    /// The header, in column order (the optional columns only when present).
    public var columnNames: [String] {
        ["customer_id"] + (cutoffs == nil ? [] : ["cutoff"]) + ["is_churn", "churn_probability"] + (folds == nil ? [] : ["fold"])
    }

    /// Writes the table atomically as CSV (ids quoted when needed) or JSON Lines.
    public func write(to path: String, format: TableFormat) throws {
        let writer = try AtomicFileWriter(path: path)
        let names = columnNames
        let keys = names.map(NumberText.jsonString)
        if format == .csv { try writer.write(names.joined(separator: ",") + "\n") }
        var fields: [String] = []
        for i in customerIDs.indices {
            fields.removeAll(keepingCapacity: true)
            fields.append(format == .csv ? CSVText.quoted(customerIDs[i]) : NumberText.jsonString(customerIDs[i]))
            if let cutoffs { fields.append(format == .csv ? cutoffs[i].description : NumberText.jsonString(cutoffs[i].description)) }
            fields.append(labels[i] == 1 ? "1" : "0")
            fields.append(format == .csv ? NumberText.format(probabilities[i]) : NumberText.json(probabilities[i]))
            if let folds { fields.append(String(folds[i])) }
            switch format {
            case .csv: try writer.write(fields.joined(separator: ",") + "\n")
            case .jsonl: try writer.write("{" + zip(keys, fields).map { $0 + ":" + $1 }.joined(separator: ",") + "}\n")
            }
        }
        try writer.commit()
    }
}
