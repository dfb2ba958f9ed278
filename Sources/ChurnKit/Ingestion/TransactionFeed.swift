import Foundation

/// Where the transactions of one feature build come from: a log read by
/// ``TransactionLogReader`` (a file, or `-` for standard input) or transactions in memory. Both
/// feed the same ``TransactionSink`` with the same customer index, so everything downstream (the
/// accumulator, the recount of customers out of date order, the feature rows) is one code path.
enum TransactionFeed {
    case log(path: String, columns: TransactionColumns, badRows: BadRowPolicy, rejectsPath: String?)
    case memory([Transaction])

    /// The name errors use: the path (`<stdin>` for `-`) or `<transactions>`.
    var displayName: String {
        switch self {
        case let .log(path, _, _, _): return InputSource.displayName(path)
        case .memory: return TransactionListReader.displayName
        }
    }

    /// Whether the transactions carry amounts: a log read without an amount column does not
    /// (its spend features are left out); transactions in memory always do.
    var hasAmounts: Bool {
        guard case let .log(_, columns, _, _) = self else { return true }
        return columns.hasAmounts
    }

    /// Bytes of a log on disk (to reserve per-customer state up front); nil otherwise.
    var sizeInBytes: Int? {
        guard case let .log(path, _, _, _) = self else { return nil }
        return ByteFileReader.size(path: path)
    }

    /// The first and last dates (a quick pass over a log that interns no customer).
    func dateRange() throws -> ClosedRange<CalendarDay> {
        switch self {
        case let .log(path, columns, badRows, _):
            return try TransactionLogReader(path: path, columns: columns, badRows: badRows).dateRange()
        case let .memory(transactions):
            return try TransactionListReader.dateRange(transactions)
        }
    }

    /// A guess at the last day from the end of a log file (`LastDayGuess`); nil when there is
    /// none, and always for transactions in memory (their date range is cheap).
    func likelyLastDay() -> Int32? {
        guard case let .log(path, columns, _, _) = self else { return nil }
        return LastDayGuess.fromTail(path: path, columns: columns)
    }

    /// One pass into `sink`. `firstPass` false: a recount pass, which skips bad rows silently
    /// (the first pass has reported them) and writes no rejects.
    @discardableResult
    func read<Sink: TransactionSink>(into sink: inout Sink, customers: CustomerIndex, lastRelevantDay: Int32, firstPass: Bool = true,
                                     digest: ContentDigest? = nil, progress: ProgressReporter = .silent) throws -> IngestionSummary {
        switch self {
        case let .log(path, columns, badRows, rejectsPath):
            let reader = TransactionLogReader(path: path, columns: columns, badRows: firstPass ? badRows : .skip,
                                              rejectsPath: firstPass ? rejectsPath : nil, customers: customers)
            reader.digest = digest
            return try reader.read(into: &sink, lastRelevantDay: lastRelevantDay, progress: progress)
        case let .memory(transactions):
            return try TransactionListReader.read(transactions, into: &sink, customers: customers, lastRelevantDay: lastRelevantDay)
        }
    }
}
