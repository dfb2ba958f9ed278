/// What a scoring script reads and how it bands: the table, the as-of date, the bands, and the
/// columns that differ from the model's.
public struct SQLScoringOptions: Sendable {
    /// The table (or view) to read, optionally qualified (`schema.table`); each part is quoted.
    public var table: String
    /// Transaction models: the date the features are as of.
    public var asOf: SQLCutoff
    /// Risk-band thresholds, as the scorer takes them.
    public var bands: RiskBands
    /// Table models: the customer id column (default: the model's own id column).
    public var idColumn: String?
    /// Transaction models: the table's columns (default: the model's).
    public var columns: TransactionColumns?

    /// Options for `table`; every other field defaults to the model's own choice.
    public init(table: String, asOf: SQLCutoff = .latest, bands: RiskBands = .defaultProbability,
                idColumn: String? = nil, columns: TransactionColumns? = nil) {
        self.table = table
        self.asOf = asOf
        self.bands = bands
        self.idColumn = idColumn
        self.columns = columns
    }
}
