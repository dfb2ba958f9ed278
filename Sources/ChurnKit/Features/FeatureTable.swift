/// One row per customer: an id, numeric feature columns and, for training data, a 0/1 label.
///
/// `values` is rows × columns, row-major, the layout the linear-algebra layer reads directly.
public struct FeatureTable: Sendable {
    public var columnNames: [String]
    public var customerIDs: [String]
    public var values: [Double]
    /// 1 = churned (positive class), 0 = stayed; nil when the data carry no label.
    public var labels: [Double]?
    /// Optional per-row weights taken from the input (`--sample-weight-column`).
    public var sampleWeights: [Double]?

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

    public var rowCount: Int { customerIDs.count }
    public var columnCount: Int { columnNames.count }

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

/// Problems building or selecting features.
public enum FeatureError: Error, CustomStringConvertible, Equatable {
    case unknownColumn(String, available: [String])
    case noCustomers(cutoff: CalendarDay, file: String)
    case invalidOption(String)
    /// A feature came out infinite or NaN (amounts whose sum overflows a `Double`).
    case nonFiniteFeature(file: String, customer: String, column: String, value: Double)
    /// A monetary column (``TransactionFeature/isMonetary``) was asked of features built from a
    /// log without amounts.
    case needsAmounts(column: String)

    /// The error for a column `table` lacks: a monetary transaction feature missing beside the
    /// day counts means the log had no amounts, which deserves its own message.
    public static func missing(_ name: String, in table: FeatureTable) -> FeatureError {
        if let feature = TransactionFeature(rawValue: name), feature.isMonetary,
           table.columnNames.contains(TransactionFeature.frequency.name) {
            return .needsAmounts(column: name)
        }
        return .unknownColumn(name, available: table.columnNames)
    }

    public var description: String {
        switch self {
        case let .unknownColumn(name, available):
            return "no feature column '\(name)'; available: \(available.joined(separator: ", "))"
        case let .noCustomers(cutoff, file):
            return "\(file): no customer has a purchase on or before the cut-off \(cutoff)"
        case let .invalidOption(message):
            return message
        case let .nonFiniteFeature(file, customer, column, value):
            return "\(file): customer '\(customer)': \(column) is not a finite number (\(value.isNaN ? "NaN" : value > 0 ? "inf" : "-inf"): the amounts overflow a 64-bit float); check the amount column's units"
        case let .needsAmounts(column):
            return "'\(column)' is computed from amounts, and the log was read without an amount column; use the columns that count days and rows (\(TransactionFeature.available(withAmounts: false).map(\.name).joined(separator: ", "))) or name the amount column"
        }
    }
}
