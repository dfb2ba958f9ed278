/// A training table saved as CSV, by `churn features --horizon` or by the query of
/// `churn sql --features`: `customer_id`, every ``TransactionFeature`` column and `is_churn`
/// (or, from a log without amounts, the columns that need none:
/// ``TransactionFeature/available(withAmounts:)``).
///
/// Training on it gives the model training on the log gives (same rows, same values, the same
/// reference gap): a warehouse computes the features, ChurnKit fits. Columns are found by name,
/// in any order; other columns are ignored.
public enum TrainingTableFile {
    /// The customer id column's name.
    public static let idColumn = "customer_id"
    /// The label column's name: 1 churned, 0 stayed.
    public static let labelColumn = "is_churn"

    /// Whether the file's header names a training table (it reads the first block only).
    public static func isTrainingTable(path: String) -> Bool {
        struct Stop: Error {}
        var header: [String] = []
        _ = try? CSVFileReader(path: path, bufferSize: 1 << 16).forEachRecord(header: { names in
            header = names
            throw Stop()
        }) { _ in }
        let names = Set(header)
        return names.contains(idColumn) && names.contains(labelColumn)
            && TransactionFeature.available(withAmounts: false).allSatisfy { names.contains($0.name) }
    }

    /// Whether a header has the monetary columns too (all of them, or the table is without amounts).
    static func hasAmounts(_ names: [String]) -> Bool {
        TransactionFeature.allCases.allSatisfy { names.contains($0.name) }
    }

    /// The table and its reference gap: the mean `mean_gap_days` of the repeat buyers
    /// (`frequency > 0`), summed in row order as ``TransactionFeatureBuilder`` sums it; 1 when
    /// there are none.
    public static func read(path: String, digest: ContentDigest? = nil) throws -> (table: FeatureTable, referenceGapDays: Double, hasAmounts: Bool) {
        let raw = try RawTable.read(path: path, digest: digest)
        let hasAmounts = Self.hasAmounts(raw.header)
        let features = TransactionFeature.available(withAmounts: hasAmounts)
        let id = try raw.columnIndex(idColumn), label = try raw.columnIndex(labelColumn)
        let indices = try features.map { try raw.columnIndex($0.name) }
        let width = features.count
        var values = [Double](repeating: 0, count: raw.rowCount * width)
        var labels: [Double] = []
        labels.reserveCapacity(raw.rowCount)
        for (i, row) in raw.cells.enumerated() {
            for (k, j) in indices.enumerated() {
                guard let value = DecimalParser.parse(Substring(row[j])), value.isFinite else {
                    throw IngestionError.malformedRow(file: path, line: raw.lines[i], column: features[k].name,
                                                      reason: "cannot parse '\(row[j])' as a number")
                }
                values[i * width + k] = value
            }
            switch row[label] {
            case "0", "0.0": labels.append(0)
            case "1", "1.0": labels.append(1)
            default:
                throw IngestionError.malformedRow(file: path, line: raw.lines[i], column: labelColumn, reason: "'\(row[label])' is not 0 or 1")
            }
            guard !row[id].isEmpty else {
                throw IngestionError.malformedRow(file: path, line: raw.lines[i], column: idColumn, reason: "the customer id is empty")
            }
        }
        let table = FeatureTable(columnNames: features.map(\.name), customerIDs: raw.cells.map { $0[id] }, values: values, labels: labels)
        let frequency = features.firstIndex(of: .frequency)!, meanGap = features.firstIndex(of: .meanGapDays)!
        var sum = 0.0, count = 0
        for i in 0..<table.rowCount where values[i * width + frequency] > 0 {
            sum += values[i * width + meanGap]
            count += 1
        }
        return (table, count > 0 ? sum / Double(count) : 1.0, hasAmounts)
    }
}
