#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Parallel ingestion: worker threads parse chunks of the file; the calling thread checks the
/// chunks' order and boundaries and reports bad rows; shard threads (or, for a sink without
/// shards, the calling thread) intern the ids and feed the sink.
///
/// **Why the results are bit-identical to the one-thread read.** The workers do everything that
/// does not depend on other rows: find the records, check them (``TransactionRowChecker``, the
/// same code as the one-thread path), parse dates and amounts, copy each id and hash it. They
/// keep no customer state. The calling thread then takes the chunks in file order. With shards
/// (the rule, stated in `TransactionLogReader+Shards.swift`): every customer belongs to one
/// shard, chosen by its id hash, and each shard sees its customers' rows in file order, so every
/// per-customer sum is formed by the same additions in the same order; the merge numbers the
/// customers by first appearance, and what is not per customer (counts, date range, bad rows,
/// rejects, line numbers, progress) stays on the calling thread in file order. Without shards the
/// calling thread, row by row in file order, interns the id in the one ``CustomerIndex`` (so
/// indices follow first appearance in the file) and calls the sink's `consume`: the sink sees
/// exactly the calls, in exactly the order, of the one-thread read. Per-thread customer tables
/// over *chunks* whose partial sums were combined afterwards could not promise this:
/// `(s + a) + b` and `s + (a + b)` differ in the last bit (1e17 + 3 + 4), so chunk partials would
/// have to be replayed for every customer already seen, which in a log sorted by date is nearly
/// every row; shards split by customer, not by rows, so no sum is ever split.
/// Bad rows are reported in file order with absolute line numbers; the rejects file is written
/// by the calling thread in the same order. A read that stops at an error leaves a sharded sink
/// as it was (the shards are dropped unmerged).
///
/// **Chunk boundaries.** Chunk k nominally starts at `dataStart + k · chunkBytes`; its
/// *speculative* start is the byte after the first line feed at or after the byte before that.
/// A line feed inside a quoted field is not a record boundary, and a worker cannot know whether
/// it is inside quotes. So each chunk is parsed from its speculative start and *verified*: the
/// previous chunk's last record (parsed from a verified start, so correctly) ends exactly where
/// the next record starts. When that is the speculative start, the chunk's records are the
/// one-thread read's records; when not (a quoted field with a line break spans the boundary),
/// the chunk is parsed again on the calling thread from the true start. Rule: parallel when the
/// boundary line feed is outside quotes, which is always when the file has no quoted line
/// breaks; one re-parse per boundary otherwise.
///
/// **Memory.** At most `threads` chunks are parsed or wait beyond the one being consumed, and
/// with shards at most `threads` more wait for the slowest shard; a parsed chunk is its ids and
/// 32 bytes per row (about 1 MiB for 512 KiB of log), so a read with 2 threads holds about 5 MiB
/// (with shards 7 MiB) more than the one-thread read (whose buffer is 4 MiB).
///
/// **The digest** (SHA-256 of the input) is computed by one more thread that reads the file in
/// order, so it covers the same bytes in the same order as the one-thread read.
extension TransactionLogReader {
    /// One row ready for the customer index: the id is `ids[previous idEnd ..< idEnd]`.
    struct ParsedRow {
        var hash: UInt64
        var amount: Double
        var idEnd: Int
        var day: Int32
    }

    /// A bad row, found by a worker and reported by the calling thread in file order.
    struct ParsedReject {
        /// Good rows of the chunk before it.
        var rowsBefore: Int
        /// 1-based, counted from the chunk's first line.
        var line: Int
        var column: String?
        var reason: String
        var rawText: String
    }

    /// What a worker makes of one chunk.
    struct ParsedChunk {
        /// Where the chunk's first record starts, where its records end (the next record's
        /// start), and where the next chunk begins (nil: the end of the file).
        var start: Int
        var end: Int
        var stop: Int?
        var lineBreaks = 0
        var ids: [UInt8] = []
        var rows: [ParsedRow] = []
        var rejects: [ParsedReject] = []
        var rowsRead = 0
        var minDay = Int32.max, maxDay = Int32.min
        /// An error that ended the chunk (an unterminated quote, a field over the limit), with
        /// line numbers counted from the chunk's first line.
        var error: Error? = nil
    }

    /// The work a parse thread does; shared, read-only, by all of them.
    final class ChunkParser: @unchecked Sendable {
        let path: String
        let checker: TransactionRowChecker
        let limits: CSVLimits?
        let delimiter: FieldDelimiter
        let lastRelevantDay: Int32
        let dataStart: Int
        let chunkBytes: Int
        let chunkCount: Int

        init(path: String, checker: TransactionRowChecker, limits: CSVLimits?, delimiter: FieldDelimiter, lastRelevantDay: Int32,
             dataStart: Int, chunkBytes: Int, chunkCount: Int) {
            self.path = path
            self.checker = checker
            self.limits = limits
            self.delimiter = delimiter
            self.lastRelevantDay = lastRelevantDay
            self.dataStart = dataStart
            self.chunkBytes = chunkBytes
            self.chunkCount = chunkCount
        }

        /// The speculative start of chunk `k` (nil past the last chunk): the offset after the
        /// first line feed at or after `dataStart + k · chunkBytes − 1`, or the file's end.
        func boundary(_ k: Int) -> Int? {
            guard k < chunkCount else { return nil }
            if k == 0 { return dataStart }
            var offset = dataStart + k * chunkBytes - 1
            let descriptor = SystemCall.open(path, O_RDONLY)
            guard descriptor >= 0 else { return offset + 1 }
            defer { SystemCall.close(descriptor) }
            var block = [UInt8](repeating: 0, count: 1 << 12)
            while true {
                let got = block.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, off_t(offset)) }
                if got <= 0 { return offset }
                if let index = block[0..<got].firstIndex(of: UInt8(ascii: "\n")) { return offset + index + 1 }
                offset += got
            }
        }

        /// Parses chunk `k` from its speculative start.
        func parse(chunk k: Int) -> ParsedChunk {
            let start = boundary(k)!
            return parse(from: start, stop: boundary(k + 1))
        }

        /// Parses the records that start in `start..<stop` (nil: to the end of the file).
        func parse(from start: Int, stop: Int?) -> ParsedChunk {
            var chunk = ParsedChunk(start: start, end: start, stop: stop)
            if let stop, stop <= start { return chunk }
            let span = stop.map { $0 - start } ?? chunkBytes
            chunk.rows.reserveCapacity(span / 20 + 16)
            chunk.ids.reserveCapacity(span / 3)
            let reader = CSVFileReader(path: path, start: start, stop: stop, header: checker.headerNames,
                                       bufferSize: span + (1 << 12), limits: limits, delimiter: delimiter)
            let checker = self.checker.forOneThread(), lastRelevantDay = self.lastRelevantDay
            do {
                try reader.forEachRecord(header: { $0.count }) { record in
                    switch checker.check(record) {
                    case let .row(day, amount):
                        chunk.rowsRead += 1
                        if day < chunk.minDay { chunk.minDay = day }
                        if day > chunk.maxDay { chunk.maxDay = day }
                        guard day <= lastRelevantDay else { return }
                        let idField = record.fields[checker.customerColumn]
                        let idStart = chunk.ids.count
                        if idField.hasEscapedQuotes {
                            chunk.ids.append(contentsOf: CSVRecordScanner.unescaped(record.bytes, idField))
                        } else {
                            chunk.ids.append(contentsOf: UnsafeBufferPointer(start: record.bytes + idField.start, count: idField.end - idField.start))
                        }
                        let idEnd = chunk.ids.count
                        let hash = chunk.ids.withUnsafeBufferPointer { CustomerIndex.hash($0.baseAddress! + idStart, idEnd - idStart) }
                        chunk.rows.append(ParsedRow(hash: hash, amount: amount, idEnd: idEnd, day: day))
                    case let .reject(column, reason):
                        chunk.rejects.append(ParsedReject(rowsBefore: chunk.rows.count, line: record.line, column: column, reason: reason,
                                                          rawText: record.rawText))
                    }
                }
                chunk.end = reader.endOffset
                chunk.lineBreaks = reader.endLine - 1
            } catch {
                chunk.error = error
            }
            return chunk
        }
    }

    /// Worker threads claiming chunks in order, at most `window` chunks ahead of the consumer.
    final class ChunkPipeline: @unchecked Sendable {
        private let condition = NSCondition()
        private var results: [Int: ParsedChunk] = [:]
        private var nextClaim = 0
        private var consumed = 0
        private var cancelled = false
        private var running = 0
        private let parser: ChunkParser
        private let window: Int

        init(parser: ChunkParser, threads: Int) {
            self.parser = parser
            window = threads
            running = threads
            for _ in 0..<threads {
                Thread.detachNewThread { self.work() }
            }
        }

        private func work() {
            while true {
                condition.lock()
                while !cancelled && nextClaim < parser.chunkCount && nextClaim >= consumed + window { condition.wait() }
                if cancelled || nextClaim >= parser.chunkCount {
                    running -= 1
                    condition.broadcast()
                    condition.unlock()
                    return
                }
                let k = nextClaim
                nextClaim += 1
                condition.unlock()
                let chunk = parser.parse(chunk: k)
                condition.lock()
                results[k] = chunk
                condition.broadcast()
                condition.unlock()
            }
        }

        /// Chunk `k`, once parsed; chunks must be taken in order.
        func take(_ k: Int) -> ParsedChunk {
            condition.lock()
            defer { condition.unlock() }
            while results[k] == nil { condition.wait() }
            consumed = k + 1
            condition.broadcast()
            return results.removeValue(forKey: k)!
        }

        /// Stops the workers and waits until none runs (they read the file and the parser).
        func stop() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            while running > 0 { condition.wait() }
            condition.unlock()
        }
    }

    /// Feeds a digest the file's bytes, in order, on its own thread.
    final class DigestThread: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var failure: Error? = nil
        private var finished = false

        init(path: String, digest: ContentDigest) {
            Thread.detachNewThread {
                do {
                    var input = try InputSource.open(path: path)
                    defer { input.close() }
                    let size = 1 << 20
                    let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
                    defer { buffer.deallocate() }
                    while true {
                        let got = try input.read(into: buffer, count: size)
                        if got == 0 { break }
                        digest.update(UnsafeRawBufferPointer(start: buffer, count: got))
                    }
                    digest.finish()
                } catch {
                    self.failure = error
                }
                self.done.signal()
            }
        }

        /// Waits for the digest (once; later calls return at once); rethrows a read error.
        func wait() throws {
            if !finished {
                done.wait()
                finished = true
            }
            if let failure { throw failure }
        }
    }

    /// The error a chunk ended with, its line numbers made absolute (`offset` lines before the chunk).
    static func shifted(_ error: Error, lines offset: Int) -> Error {
        switch error as? IngestionError {
        case let .malformedRow(file, line, column, reason)?: return IngestionError.malformedRow(file: file, line: line + offset, column: column, reason: reason)
        case let .unterminatedQuote(file, line)?: return IngestionError.unterminatedQuote(file: file, line: line + offset)
        default: return error
        }
    }

    /// ``read(into:lastRelevantDay:progress:)`` on `threads` parse threads; see the extension's
    /// comment for why the sink sees what the one-thread read would show it.
    ///
    /// A documented hot loop: the consumer's per-row intern-and-consume loop and the chunk
    /// hand-over stay together so the order argument can be read in one place.
    func readInParallel<Sink: TransactionSink>(into sink: inout Sink, lastRelevantDay: Int32, progress: ProgressReporter,
                                               fileSize: Int, started: Double) throws -> IngestionSummary {
        var summary = IngestionSummary()
        let file = InputSource.displayName(path)
        let rejects: AtomicFileWriter? = try rejectsPath.map { try AtomicFileWriter(path: $0) }
        try rejects?.write("line,column,reason,row\n")
        let digestThread = digest.map { DigestThread(path: path, digest: $0) }
        defer { try? digestThread?.wait() }

        let headerReader = CSVFileReader.headerOnly(path: path, limits: limits, delimiter: columns.delimiter)
        var checker: TransactionRowChecker? = nil
        try headerReader.forEachRecord(header: { names in
            let made = try TransactionRowChecker(columns: columns, header: names, file: file)
            checker = made
            return made.expectedFields
        }) { _ in }
        let dataStart = headerReader.endOffset
        let chunkBytes = max(1, parallelChunkBytes)
        let chunkCount = max(1, (fileSize - dataStart + chunkBytes - 1) / chunkBytes)
        let parser = ChunkParser(path: path, checker: checker!, limits: limits, delimiter: columns.delimiter, lastRelevantDay: lastRelevantDay,
                                 dataStart: dataStart, chunkBytes: chunkBytes, chunkCount: chunkCount)
        let pipeline = ChunkPipeline(parser: parser, threads: min(threads, chunkCount))
        defer { pipeline.stop() }

        let customers = self.customers
        // Customers split over shard threads when the sink allows it (see +Shards); otherwise
        // this thread interns and consumes, below.
        var shardSinks: [Sink] = []
        if consumerShards > 0 && customers.count == 0 {
            for _ in 0..<consumerShards {
                guard let shard = sink.emptyShard() else { shardSinks = []; break }
                shardSinks.append(shard)
            }
        }
        let sharded = shardSinks.isEmpty ? nil : ShardedConsumer(sinks: shardSinks, reservingLike: customers, window: threads)
        shardSinks = []  // the shards' sinks must be unique, or their first write copies them
        defer { sharded?.finish(cancel: true) }
        var minDay = Int32.max, maxDay = Int32.min
        var recordStart = dataStart
        var line = headerReader.endLine
        var indices = [Int](repeating: 0, count: 64)
        for k in 0..<chunkCount {
            var chunk = pipeline.take(k)
            if chunk.start != recordStart {
                // The speculative start was inside a record (a quoted line break): parse the
                // chunk again from where its first record truly starts.
                if let stop = chunk.stop, recordStart >= stop { continue }
                chunk = parser.parse(from: recordStart, stop: chunk.stop)
            }
            let lineOffset = line - 1
            var done = 0
            func consume(upTo end: Int) {
                guard sharded == nil else { return }
                chunk.ids.withUnsafeBufferPointer { ids in
                    let base = ids.baseAddress ?? UnsafePointer(bitPattern: 1)!
                    chunk.rows.withUnsafeBufferPointer { rows in
                        var touched: UInt64 = 0
                        while done < end {
                            let n = min(64, end - done)
                            for i in done..<done + n { touched ^= customers.touchSlot(hash: rows[i].hash) }
                            for i in done..<done + n {
                                let idStart = i == 0 ? 0 : rows[i - 1].idEnd
                                indices[i - done] = customers.intern(base + idStart, count: rows[i].idEnd - idStart, hash: rows[i].hash)
                            }
                            for j in 0..<n { touched ^= sink.touch(customer: indices[j]) }
                            for j in 0..<n { sink.consume(customer: indices[j], day: rows[done + j].day, amount: rows[done + j].amount) }
                            done += n
                        }
                        customers.keepTouched(touched)
                    }
                }
            }
            for reject in chunk.rejects {
                consume(upTo: reject.rowsBefore)
                guard badRows == .skip else {
                    throw IngestionError.malformedRow(file: file, line: reject.line + lineOffset, column: reject.column, reason: reject.reason)
                }
                summary.rowsSkipped += 1
                try rejects?.write(TransactionRowChecker.rejectsLine(line: reject.line + lineOffset, column: reject.column,
                                                                     reason: reject.reason, rawText: reject.rawText))
            }
            consume(upTo: chunk.rows.count)
            if let error = chunk.error { throw Self.shifted(error, lines: lineOffset) }
            summary.rowsRead += chunk.rowsRead
            minDay = min(minDay, chunk.minDay)
            maxDay = max(maxDay, chunk.maxDay)
            recordStart = chunk.end
            line += chunk.lineBreaks
            sharded?.publish(chunk)
            progress.update(fraction: Double(recordStart) / Double(max(fileSize, 1)), detail: "\(recordStart >> 20) MiB read")
        }
        if let sharded {
            sharded.finish()
            sharded.merge(into: &sink, customers: customers)
        }
        pipeline.stop()
        try digestThread?.wait()
        progress.finish()
        try rejects?.commit()
        try summary.finish(bytesRead: recordStart, minDay: minDay, maxDay: maxDay, started: started, file: file)
        return summary
    }
}
