/// Problems building or selecting features.
public enum FeatureError: Error, CustomStringConvertible, Equatable {
    /// A column was asked for that the table does not have; `available` lists what it has.
    case unknownColumn(String, available: [String])
    /// No customer bought on or before the cut-off, so there is nothing to build a row from.
    case noCustomers(cutoff: CalendarDay, file: String)
    /// A parameter or data combination the builder cannot honour, said in words.
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

    /// A sentence for a person, naming the file, customer and column involved.
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
