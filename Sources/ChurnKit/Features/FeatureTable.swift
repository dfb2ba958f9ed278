/// One row per customer: an id, numeric feature columns and, for training data, a 0/1 label.
///
/// `values` is rows × columns, row-major, the layout the linear-algebra layer reads directly.
public struct FeatureTable: Sendable {
    /// Column names, left to right; ``values`` holds `columnNames.count` numbers per row.
    public var columnNames: [String]
    /// The customer of each row, top to bottom (one row per customer and cut-off).
    public var customerIDs: [String]
    /// Rows × columns, row-major.
    public var values: [Double]
    /// 1 = churned (positive class), 0 = stayed; nil when the data carry no label.
    public var labels: [Double]?
    /// Optional per-row weights taken from the input (`--sample-weight-column`).
    public var sampleWeights: [Double]?

    /// Checks that the arrays agree in size (a programming error otherwise, so a precondition).
    public init(columnNames: [String], customerIDs: [String], values: [Double], labels: [Double]? = nil, sampleWeights: [Double]? = nil) {
        precondition(values.count == columnNames.count * customerIDs.count,
                     "values has \(values.count) entries, expected \(customerIDs.count) rows × \(columnNames.count) columns")
        precondition(labels.map { $0.count == customerIDs.count } ?? true, "labels has \(labels?.count ?? 0) entries for \(customerIDs.count) rows")
        self.columnNames = columnNames
        self.customerIDs = customerIDs
        self.values = values
        self.labels = labels
        self.sampleWeights = sampleWeights
    }

    /// Rows (customers, or customer × cut-off snapshots).
    public var rowCount: Int { customerIDs.count }
    /// Feature columns.
    public var columnCount: Int { columnNames.count }

    /// The value at a row and column index.
    public subscript(row: Int, column: Int) -> Double { values[row * columnNames.count + column] }

    /// The values of one column, top to bottom.
    public func column(_ name: String) -> [Double]? {
        guard let j = columnNames.firstIndex(of: name) else { return nil }
        return (0..<rowCount).map { values[$0 * columnCount + j] }
    }

    /// A table with only the named columns, in the order given.
    public func selecting(_ names: [String]) throws -> FeatureTable {
        let indices = try names.map { name -> Int in
            guard let j = columnNames.firstIndex(of: name) else {
                throw FeatureError.missing(name, in: self)
            }
            return j
        }
        var selected = [Double](repeating: 0, count: rowCount * indices.count)
        for i in 0..<rowCount {
            for (k, j) in indices.enumerated() { selected[i * indices.count + k] = values[i * columnCount + j] }
        }
        return FeatureTable(columnNames: names, customerIDs: customerIDs, values: selected, labels: labels, sampleWeights: sampleWeights)
    }

    /// The rows at `indices`, in that order.
    public func rows(_ indices: [Int]) -> FeatureTable {
        var picked = [Double]()
        picked.reserveCapacity(indices.count * columnCount)
        for i in indices { picked.append(contentsOf: values[(i * columnCount)..<((i + 1) * columnCount)]) }
        return FeatureTable(columnNames: columnNames, customerIDs: indices.map { customerIDs[$0] }, values: picked,
                            labels: labels.map { l in indices.map { l[$0] } },
                            sampleWeights: sampleWeights.map { w in indices.map { w[$0] } })
    }

    /// Rows of `other` appended below these; both must have the same columns.
    public mutating func append(_ other: FeatureTable) {
        precondition(other.columnNames == columnNames, "cannot stack tables with different columns")
        customerIDs += other.customerIDs
        values += other.values
        if let l = labels, let o = other.labels { labels = l + o } else { labels = nil }
        if let w = sampleWeights, let o = other.sampleWeights { sampleWeights = w + o } else { sampleWeights = nil }
    }
}
