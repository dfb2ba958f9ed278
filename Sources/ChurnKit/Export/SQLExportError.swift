/// Why a model cannot be written as SQL for a dialect; each case names what is in the way.
public enum SQLExportError: Error, CustomStringConvertible, Equatable {
    /// A model kind the SQL writer has no translation for (a new kind must add one).
    case unsupportedModelKind(kind: String, dialect: SQLDialect)
    /// An input transform the SQL writer has no translation for.
    case unsupportedTransform(transform: String, input: String, dialect: SQLDialect)
    /// A model input the SQL writer cannot compute in this dialect, and why.
    case unsupportedInput(input: String, dialect: SQLDialect, reason: String)
    /// A table or column name, or a text value, that cannot be written safely in this dialect.
    case unusableIdentifier(name: String, dialect: SQLDialect, reason: String)
    /// A table model without an id column: SQL tables have no row order to number customers by.
    case missingIDColumn(model: String)
    /// A ``SQLScoringOptions`` property (`option`: `asOf`, `idColumn` or `columns`) set for a model
    /// whose input kind has no use for it: the script would silently ignore it.
    case optionNotForModel(option: String, model: String, modelInput: FeatureSpec.InputKind)
    /// The model file lacks what its kind needs (a feature spec, an input the writer knows).
    case invalidOption(String)

    public var description: String {
        switch self {
        case let .unsupportedModelKind(kind, dialect):
            return "model kind '\(kind)' cannot be exported as \(dialect.rawValue) SQL (supported: \(ChurnModel.logisticRegressionType), \(ChurnModel.additiveType), \(ChurnModel.bgnbdType))"
        case let .unsupportedTransform(transform, input, dialect):
            return "input '\(input)': transform '\(transform)' cannot be expressed in \(dialect.rawValue) SQL (supported: identity, log1p)"
        case let .unsupportedInput(input, dialect, reason):
            return "input '\(input)' cannot be computed in \(dialect.rawValue) SQL: \(reason)"
        case let .unusableIdentifier(name, dialect, reason):
            return "the name '\(name)' cannot be used in \(dialect.rawValue) SQL: \(reason)"
        case let .missingIDColumn(model):
            return "\(model) was trained on a table without an id column, and a SQL table has no row order to number customers by: set idColumn"
        case let .optionNotForModel(option, model, modelInput):
            let other = modelInput == .table ? "transaction" : "table"
            return "\(option) is for \(other) models; \(model) reads \(modelInput == .table ? "a table" : "a transaction log")"
        case let .invalidOption(message):
            return message
        }
    }
}
