import Foundation

/// Reads a transaction log (`customer_id,date,amount` plus any other columns) in one streaming
/// pass and hands each row to a ``TransactionSink``.
///
/// Rows may come in any order. Refunds (negative amounts) are kept as they are. A row that cannot
/// be read stops the read with ``IngestionError/malformedRow(file:line:column:reason:)`` naming
/// file, line, column and the offending text, or with ``BadRowPolicy/skip`` is counted, skipped,
/// and written with its reason to the rejects file.
final class TransactionLogReader {
    /// The log's path; `-` is standard input.
    let path: String
    /// Which columns hold the id, date and amount, and how they are written.
    let columns: TransactionColumns
    /// Stop at the first bad row, or skip bad rows.
    let badRows: BadRowPolicy
    /// Where skipped rows are written with their line, column and reason (nil: nowhere).
    let rejectsPath: String?
    /// Shared across passes so a customer keeps its index when the file is read again.
    let customers: CustomerIndex
    /// Field and record limits (nil: ``CSVLimits/processDefault``).
    var limits: CSVLimits?
    /// Receives the file's bytes during the next read (the training data's SHA-256).
    var digest: ContentDigest?
    /// Threads that parse a regular, uncompressed file (standard input, pipes and gzip input are
    /// read on one thread); 1 reads on the calling thread alone. Defaults to
    /// ``defaultThreadCount``. Results do not depend on it: see `readInParallel`.
    var threads = TransactionLogReader.defaultThreadCount
    /// Bytes per chunk of a parallel read, and the smallest file read in parallel (tests shrink
    /// both so that chunk boundaries fall everywhere in a small file).
    var parallelChunkBytes = 1 << 19
    var parallelMinimumBytes = 1 << 22
    /// Threads that intern ids and feed the sink in a parallel read, each owning the customers
    /// whose id hash falls in its shard (when the sink has shards, ``TransactionSink/emptyShard()``,
    /// and the customer index starts empty); 0 feeds the sink on the calling thread. Defaults to
    /// ``defaultShardCount``. Results do not depend on it: see `readInParallel`.
    var consumerShards = TransactionLogReader.defaultShardCount

    /// The machine's active cores, at most 8; the environment variable `CHURN_INGEST_THREADS`
    /// (a whole number ≥ 1) overrides it.
    static let defaultThreadCount: Int = {
        if let text = ProcessInfo.processInfo.environment["CHURN_INGEST_THREADS"], let count = Int(text), count >= 1 {
            return min(count, 64)
        }
        return max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
    }()

    /// As many shards as parse threads (``defaultThreadCount``); the environment variable
    /// `CHURN_INGEST_SHARDS` (a whole number ≥ 0; 0: the calling thread feeds the sink) overrides it.
    static let defaultShardCount: Int = {
        if let text = ProcessInfo.processInfo.environment["CHURN_INGEST_SHARDS"], let count = Int(text), count >= 0 {
            return min(count, 64)
        }
        return defaultThreadCount
    }()

    /// A reader of the log at `path`; nothing is read until ``read(into:lastRelevantDay:progress:)``.
    init(path: String, columns: TransactionColumns = TransactionColumns(), badRows: BadRowPolicy = .fail,
                rejectsPath: String? = nil, customers: CustomerIndex = CustomerIndex(), limits: CSVLimits? = nil) {
        self.path = path
        self.columns = columns
        self.badRows = badRows
        self.rejectsPath = rejectsPath
        self.customers = customers
        self.limits = limits
    }

    /// Reads the whole file into `sink`. Rows dated after `lastRelevantDay` are parsed and checked
    /// but neither interned nor passed on (they lie beyond every window the sink cares about).
    @discardableResult
    func read<Sink: TransactionSink>(into sink: inout Sink, lastRelevantDay: Int32 = .max,
                                            progress: ProgressReporter = .silent) throws -> IngestionSummary {
        let started = MonotonicClock.seconds()
        var summary = IngestionSummary()
        let fileSize = ByteFileReader.size(path: path)
        if threads > 1, let fileSize, fileSize >= parallelMinimumBytes, InputSource.isPlainRegularFile(path: path) {
            return try readInParallel(into: &sink, lastRelevantDay: lastRelevantDay, progress: progress, fileSize: fileSize, started: started)
        }
        var checker: TransactionRowChecker? = nil
        let rejects: AtomicFileWriter? = try rejectsPath.map { try AtomicFileWriter(path: $0) }
        try rejects?.write("line,column,reason,row\n")
        var minDay = Int32.max, maxDay = Int32.min
        let customers = self.customers
        var scratch: [UInt8] = []
        var batch = RowBatch()

        let reader = CSVFileReader(path: path, limits: limits, digest: digest, delimiter: columns.delimiter)
        let file = reader.displayName
        let (_, bytesRead) = try reader.forEachRecord(header: { names in
            let made = try TransactionRowChecker(columns: columns, header: names, file: file)
            checker = made
            return made.expectedFields
        }, progress: { consumed in
            progress.update(fraction: fileSize.map { Double(consumed) / Double(max($0, 1)) },
                            detail: "\(consumed >> 20) MiB read")
        }) { record in
            let dayNumber: Int32, amount: Double
            switch checker!.check(record) {
            case let .row(day, value): (dayNumber, amount) = (day, value)
            case let .reject(column, reason):
                guard badRows == .skip else {
                    throw IngestionError.malformedRow(file: file, line: record.line, column: column, reason: reason)
                }
                summary.rowsSkipped += 1
                try rejects?.write(TransactionRowChecker.rejectsLine(line: record.line, column: column, reason: reason, rawText: record.rawText))
                return
            }
            summary.rowsRead += 1
            if dayNumber < minDay { minDay = dayNumber }
            if dayNumber > maxDay { maxDay = dayNumber }
            guard dayNumber <= lastRelevantDay else { return }
            let idField = record.fields[checker!.customerColumn]
            if idField.hasEscapedQuotes {
                scratch = CSVRecordScanner.unescaped(record.bytes, idField)
                scratch.withUnsafeBufferPointer { batch.append(id: $0.baseAddress!, count: $0.count, day: dayNumber, amount: amount) }
            } else {
                batch.append(id: record.bytes + idField.start, count: idField.end - idField.start, day: dayNumber, amount: amount)
            }
            if batch.count == RowBatch.capacity { batch.flush(into: &sink, customers: customers) }
        }
        batch.flush(into: &sink, customers: customers)
        progress.finish()
        try rejects?.commit()
        try summary.finish(bytesRead: bytesRead, minDay: minDay, maxDay: maxDay, started: started, file: file)
        return summary
    }

    /// The first and last dates in the log: a quick pass that parses rows but interns no customer
    /// (used when no cut-off is given, since windows ending at the cut-off must be known before
    /// the main pass, and to place rolling snapshots).
    func dateRange() throws -> ClosedRange<CalendarDay> {
        struct Nothing: TransactionSink { mutating func consume(customer: Int, day: Int32, amount: Double) {} }
        var nothing = Nothing()
        let reader = TransactionLogReader(path: path, columns: columns, badRows: badRows, limits: limits)
        reader.digest = digest
        reader.threads = threads
        reader.parallelChunkBytes = parallelChunkBytes
        reader.parallelMinimumBytes = parallelMinimumBytes
        reader.consumerShards = consumerShards
        let summary = try reader.read(into: &nothing, lastRelevantDay: .min)
        guard let first = summary.firstDay, let last = summary.lastDay else { throw IngestionError.noRows(file: InputSource.displayName(path)) }
        return first...last
    }

    /// The last date in the log (see ``dateRange()``).
    func lastDate() throws -> CalendarDay {
        try dateRange().upperBound
    }
}
