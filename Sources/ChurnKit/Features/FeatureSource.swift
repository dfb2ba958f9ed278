/// Where customers' features come from: the one way in for training, evaluation, scoring and
/// feature tables.
///
/// A transaction log (on disk, or `-` for standard input) and transactions in memory are turned
/// into features by the same accumulator (``TransactionFeature`` lists the columns), as of a
/// cut-off (see ``SnapshotSchedule``); a labelled table (on disk or already in memory) is encoded
/// by ``TableEncoding``. Columns left nil are the defaults when training and the model's stored
/// columns when a model reads the source, so a scoring job reads data the way training did
/// unless told otherwise.
public enum FeatureSource: Sendable {
    /// A transaction log. `columns` nil: the default names (training) or the model's (scoring,
    /// evaluation). With `badRows` `.skip`, rows that cannot be read are counted and, when
    /// `rejectsPath` is given, written there with their reasons (by the first pass over the log).
    case transactionLog(path: String, columns: TransactionColumns? = nil, badRows: BadRowPolicy = .fail, rejectsPath: String? = nil)
    /// Transactions in memory.
    case transactions([Transaction])
    /// A labelled table on disk (CSV, one row per customer).
    case table(path: String, columns: TableColumns = TableColumns())
    /// A table already read (or built) in memory.
    case rawTable(RawTable, columns: TableColumns = TableColumns())

    /// The name messages and the model file use: the path, `<stdin>`, `<transactions>` or the raw table's path.
    public var name: String {
        switch self {
        case let .transactionLog(path, _, _, _), let .table(path, _): return InputSource.displayName(path)
        case .transactions: return TransactionListReader.displayName
        case let .rawTable(raw, _): return raw.path
        }
    }

    /// True for purchases (a log or transactions in memory), false for a labelled table.
    public var hasTransactions: Bool {
        switch self {
        case .transactionLog, .transactions: return true
        case .table, .rawTable: return false
        }
    }

    /// The table columns of a table source; nil for transactions.
    public var tableColumns: TableColumns? {
        switch self {
        case let .table(_, columns), let .rawTable(_, columns): return columns
        case .transactionLog, .transactions: return nil
        }
    }

    /// The log's columns as given (nil: not given, or not a log).
    public var transactionColumns: TransactionColumns? {
        if case let .transactionLog(_, columns, _, _) = self { return columns }
        return nil
    }
}
