import Foundation

/// How to read a transaction log: the names of its three columns, and how it is written (the
/// delimiter, the date format and the business time zone its days are counted in).
///
/// A model stores these, so a scoring job reads the log the way training did unless told otherwise.
public struct TransactionColumns: Sendable, Equatable, Codable {
    /// The header name of the customer id column (ids are text, compared byte for byte).
    public var customer: String
    /// The header name of the purchase date column.
    public var date: String
    /// nil: the log has no amounts (lifetimes' `date,id` logs). Every row is then a purchase of
    /// unknown value: the monetary features are left out and the model spec records `null`.
    public var amount: String?
    /// What separates the fields (a comma unless told).
    public var delimiter: FieldDelimiter
    /// nil: ISO 8601 (`YYYY-MM-DD`, `YYYYMMDD`, or a date-time with an optional offset).
    public var dateFormat: DateFormat?
    /// The zone whose calendar days purchases are counted in (a date-time with an offset is
    /// moved into it; a plain date is taken as it is).
    public var timeZone: BusinessTimeZone

    /// The columns and format of a log; the defaults are `customer_id,date,amount`, comma-separated,
    /// ISO dates, UTC.
    public init(customer: String = "customer_id", date: String = "date", amount: String? = "amount",
                delimiter: FieldDelimiter = .comma, dateFormat: DateFormat? = nil, timeZone: BusinessTimeZone = .utc) {
        self.customer = customer
        self.date = date
        self.amount = amount
        self.delimiter = delimiter
        self.dateFormat = dateFormat
        self.timeZone = timeZone
    }

    enum CodingKeys: String, CodingKey {
        case customer, date, amount, delimiter, dateFormat = "date_format", timeZone = "time_zone"
    }

    /// Model files written before the format fields existed hold only the three names.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        customer = try c.decode(String.self, forKey: .customer)
        date = try c.decode(String.self, forKey: .date)
        // `"amount": null` is a log without amounts; files from before that option always name one.
        amount = c.contains(.amount) ? try c.decodeIfPresent(String.self, forKey: .amount) : "amount"

        delimiter = try c.decodeIfPresent(FieldDelimiter.self, forKey: .delimiter) ?? .comma
        dateFormat = try c.decodeIfPresent(DateFormat.self, forKey: .dateFormat)
        timeZone = try c.decodeIfPresent(BusinessTimeZone.self, forKey: .timeZone) ?? .utc
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(customer, forKey: .customer)
        try c.encode(date, forKey: .date)
        if let amount { try c.encode(amount, forKey: .amount) } else { try c.encodeNil(forKey: .amount) }
        try c.encode(delimiter, forKey: .delimiter)
        try c.encodeIfPresent(dateFormat, forKey: .dateFormat)
        try c.encode(timeZone, forKey: .timeZone)
    }

    /// Whether the log has amounts (monetary features, value at risk, revenue metrics).
    public var hasAmounts: Bool { amount != nil }

    /// The names a log must have as columns, for messages.
    public var required: [String] { [customer, date] + (amount.map { [$0] } ?? []) }

    /// What a date that cannot be read should have looked like, for messages.
    var expectedDateText: String {
        if let dateFormat { return "expected the date format '\(dateFormat.pattern)'" }
        return "expected YYYY-MM-DD, YYYYMMDD or an ISO-8601 date-time"
    }
}

/// Receives the rows of a transaction log, one call per row, in file order.
///
/// `customer` is a dense index from the reader's ``CustomerIndex``; `day` is days since
/// 1970-01-01. A sink keeps per-customer state in arrays indexed by `customer`, so memory follows
/// the number of customers, not rows.
public protocol TransactionSink {
    /// One row, in file order: the customer's dense index, the day, the amount (0 in a log
    /// without amounts).
    mutating func consume(customer: Int, day: Int32, amount: Double)
    /// Loads the state `consume` will update for `customer` (when it exists) and returns any bits
    /// of it. The reader calls this for a batch of rows before consuming them, so that their
    /// cache misses overlap; sinks whose state fits in cache keep the default, which does nothing.
    func touch(customer: Int) -> UInt64
}

extension TransactionSink {
    public func touch(customer: Int) -> UInt64 { 0 }
}

/// Rows staged between parsing and the per-customer work. In a log sorted by date each row's
/// customer lookup and sink update miss the cache; done row by row the misses follow one another
/// (about 80% of the read's time before). For a batch, the reader first touches every row's
/// lookup slot, then interns, then touches every sink record, then consumes, in file order:
/// the results are those of row-by-row processing.
private struct RowBatch {
    static let capacity = 64
    var count = 0
    var idBytes: [UInt8] = []
    var idEnds = [Int](repeating: 0, count: capacity)
    var days = [Int32](repeating: 0, count: capacity)
    var amounts = [Double](repeating: 0, count: capacity)
    var hashes = [UInt64](repeating: 0, count: capacity)
    var customerIndices = [Int](repeating: 0, count: capacity)

    init() { idBytes.reserveCapacity(Self.capacity * 16) }

    @inline(__always)
    mutating func append(id: UnsafePointer<UInt8>, count length: Int, day: Int32, amount: Double) {
        idBytes.append(contentsOf: UnsafeBufferPointer(start: id, count: length))
        idEnds[count] = idBytes.count
        days[count] = day
        amounts[count] = amount
        count += 1
    }

    mutating func flush<Sink: TransactionSink>(into sink: inout Sink, customers: CustomerIndex) {
        let n = count
        guard n > 0 else { return }
        var touched: UInt64 = 0
        idBytes.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
            for k in 0..<n {
                let start = k == 0 ? 0 : idEnds[k - 1]
                hashes[k] = CustomerIndex.hash(base + start, idEnds[k] - start)
            }
            for k in 0..<n { touched ^= customers.touchSlot(hash: hashes[k]) }
            for k in 0..<n {
                let start = k == 0 ? 0 : idEnds[k - 1]
                customerIndices[k] = customers.intern(base + start, count: idEnds[k] - start, hash: hashes[k])
            }
        }
        for k in 0..<n { touched ^= sink.touch(customer: customerIndices[k]) }
        for k in 0..<n { sink.consume(customer: customerIndices[k], day: days[k], amount: amounts[k]) }
        customers.keepTouched(touched)
        count = 0
        idBytes.removeAll(keepingCapacity: true)
    }
}

/// How a read went: rows kept and skipped, the date range, bytes and time.
public struct IngestionSummary: Sendable, Equatable {
    /// Rows that passed every check (including those dated after the last relevant day).
    public var rowsRead = 0
    /// Bad rows skipped under ``BadRowPolicy/skip``.
    public var rowsSkipped = 0
    /// Bytes of input read (inflated bytes for a gzip input).
    public var bytesRead = 0
    /// The earliest purchase day among the rows read; nil when none was read.
    public var firstDay: CalendarDay? = nil
    /// The latest purchase day among the rows read; nil when none was read.
    public var lastDay: CalendarDay? = nil
    /// Wall time of the read.
    public var seconds = 0.0
}

/// Reads a transaction log (`customer_id,date,amount` plus any other columns) in one streaming
/// pass and hands each row to a ``TransactionSink``.
///
/// Rows may come in any order. Refunds (negative amounts) are kept as they are. A row that cannot
/// be read stops the read with ``IngestionError/malformedRow(file:line:column:reason:)`` naming
/// file, line, column and the offending text, or with ``BadRowPolicy/skip`` is counted, skipped,
/// and written with its reason to the rejects file.
public final class TransactionLogReader {
    /// The log's path; `-` is standard input.
    public let path: String
    /// Which columns hold the id, date and amount, and how they are written.
    public let columns: TransactionColumns
    /// Stop at the first bad row, or skip bad rows.
    public let badRows: BadRowPolicy
    /// Where skipped rows are written with their line, column and reason (nil: nowhere).
    public let rejectsPath: String?
    /// Shared across passes so a customer keeps its index when the file is read again.
    public let customers: CustomerIndex
    /// Field and record limits (nil: ``CSVLimits/processDefault``).
    public var limits: CSVLimits?
    /// Receives the file's bytes during the next read (the training data's SHA-256).
    public var digest: ContentDigest?
    /// Threads that parse a regular, uncompressed file (standard input, pipes and gzip input are
    /// read on one thread); 1 reads on the calling thread alone. Defaults to
    /// ``defaultThreadCount``. Results do not depend on it: see `readInParallel`.
    public var threads = TransactionLogReader.defaultThreadCount
    /// Bytes per chunk of a parallel read, and the smallest file read in parallel (tests shrink
    /// both so that chunk boundaries fall everywhere in a small file).
    var parallelChunkBytes = 1 << 19
    var parallelMinimumBytes = 1 << 22

    /// The machine's active cores, at most 8; the environment variable `CHURN_INGEST_THREADS`
    /// (a whole number ≥ 1) overrides it.
    public static let defaultThreadCount: Int = {
        if let text = ProcessInfo.processInfo.environment["CHURN_INGEST_THREADS"], let count = Int(text), count >= 1 {
            return min(count, 64)
        }
        return max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
    }()

    /// A reader of the log at `path`; nothing is read until ``read(into:lastRelevantDay:progress:)``.
    public init(path: String, columns: TransactionColumns = TransactionColumns(), badRows: BadRowPolicy = .fail,
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
    public func read<Sink: TransactionSink>(into sink: inout Sink, lastRelevantDay: Int32 = .max,
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
        summary.bytesRead = bytesRead
        if summary.rowsRead == 0 && summary.rowsSkipped == 0 { throw IngestionError.noRows(file: file) }
        if minDay <= maxDay {
            summary.firstDay = CalendarDay(daysSinceEpoch: minDay)
            summary.lastDay = CalendarDay(daysSinceEpoch: maxDay)
        }
        summary.seconds = MonotonicClock.seconds() - started
        return summary
    }

    /// The first and last dates in the log: a quick pass that parses rows but interns no customer
    /// (used when no cut-off is given, since windows ending at the cut-off must be known before
    /// the main pass, and to place rolling snapshots).
    public func dateRange() throws -> ClosedRange<CalendarDay> {
        struct Nothing: TransactionSink { mutating func consume(customer: Int, day: Int32, amount: Double) {} }
        var nothing = Nothing()
        let reader = TransactionLogReader(path: path, columns: columns, badRows: badRows, limits: limits)
        reader.digest = digest
        reader.threads = threads
        reader.parallelChunkBytes = parallelChunkBytes
        reader.parallelMinimumBytes = parallelMinimumBytes
        let summary = try reader.read(into: &nothing, lastRelevantDay: .min)
        guard let first = summary.firstDay, let last = summary.lastDay else { throw IngestionError.noRows(file: InputSource.displayName(path)) }
        return first...last
    }

    /// The last date in the log (see ``dateRange()``).
    public func lastDate() throws -> CalendarDay {
        try dateRange().upperBound
    }
}

/// CSV output helpers shared by every writer.
public enum CSVText {
    /// Quotes a field when it holds a comma, quote or line break (RFC 4180).
    public static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
