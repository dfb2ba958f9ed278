/// Why a model cannot be written as SQL for a dialect; each case names what is in the way.
public enum SQLExportError: Error, CustomStringConvertible, Equatable {
    /// A model kind the SQL writer has no translation for (a new kind must add one).
    case unsupportedModelKind(kind: String, dialect: SQLDialect)
    /// An input transform the SQL writer has no translation for.
    case unsupportedTransform(transform: String, input: String, dialect: SQLDialect)
    /// A table or column name, or a text value, that cannot be written safely in this dialect.
    case unusableIdentifier(name: String, dialect: SQLDialect, reason: String)
    /// A table model without an id column: SQL tables have no row order to number customers by.
    case missingIDColumn(model: String)
    /// The options do not fit the model (`--as-of` for a table model, …).
    case invalidOption(String)

    public var description: String {
        switch self {
        case let .unsupportedModelKind(kind, dialect):
            return "model kind '\(kind)' cannot be exported as \(dialect.rawValue) SQL (supported: \(ChurnModel.logisticRegressionType))"
        case let .unsupportedTransform(transform, input, dialect):
            return "input '\(input)': transform '\(transform)' cannot be expressed in \(dialect.rawValue) SQL (supported: identity, log1p)"
        case let .unusableIdentifier(name, dialect, reason):
            return "the name '\(name)' cannot be used in \(dialect.rawValue) SQL: \(reason)"
        case let .missingIDColumn(model):
            return "\(model) was trained on a table without an id column, and a SQL table has no row order to number customers by: give --id-column NAME"
        case let .invalidOption(message):
            return message
        }
    }
}
