extension FeatureTable {
    /// A table with `columns` (each one value per row) appended on the right, named `names`.
    public func appendingColumns(_ names: [String], _ columns: [[Double]]) -> FeatureTable {
        precondition(names.count == columns.count && columns.allSatisfy { $0.count == rowCount },
                     "\(names.count) names and \(columns.map(\.count)) values for \(rowCount) rows")
        let width = columnCount, extra = names.count
        var widened = [Double](repeating: 0, count: rowCount * (width + extra))
        for i in 0..<rowCount {
            for j in 0..<width { widened[i * (width + extra) + j] = values[i * width + j] }
            for k in 0..<extra { widened[i * (width + extra) + width + k] = columns[k][i] }
        }
        return FeatureTable(columnNames: columnNames + names, customerIDs: customerIDs, values: widened, labels: labels,
                            sampleWeights: sampleWeights)
    }
}
