import Foundation
import Testing
@testable import ChurnKit

/// The parallel read of a transaction log against the one-thread read, on the same files, for
/// every chunking: the sink must receive the same calls in the same order (bit for bit), the
/// customer index the same ids in the same order, and the summary, errors, rejects file and digest
/// must be the same.
struct ParallelIngestionTests {
    /// Everything a read leaves behind that the caller can see.
    struct Outcome: Equatable {
        var rows: [String] = []
        var ids: [String] = []
        var summary = ""
        var error: String? = nil
        var rejects: String? = nil
        var digest: String? = nil
    }

    /// Records each call bit for bit.
    struct CallRecorder: TransactionSink {
        var rows: [String] = []
        mutating func consume(customer: Int, day: Int32, amount: Double) {
            rows.append("\(customer) \(day) \(amount.bitPattern)")
        }
    }

    func outcome(_ path: String, threads: Int, chunkBytes: Int = 1 << 20, badRows: BadRowPolicy = .fail,
                 lastRelevantDay: Int32 = .max, withDigest: Bool = false, columns: TransactionColumns = TransactionColumns()) -> Outcome {
        let rejectsPath = badRows == .skip ? TestFiles.temporaryFolder() + "/rejects.csv" : nil
        let reader = TransactionLogReader(path: path, columns: columns, badRows: badRows, rejectsPath: rejectsPath)
        reader.threads = threads
        reader.parallelChunkBytes = chunkBytes
        reader.parallelMinimumBytes = 0
        let digest = withDigest ? ContentDigest() : nil
        reader.digest = digest
        var sink = CallRecorder()
        var result = Outcome()
        do {
            var summary = try reader.read(into: &sink, lastRelevantDay: lastRelevantDay)
            summary.seconds = 0
            result.summary = "\(summary)"
            result.rows = sink.rows
            result.ids = reader.customers.ids
            result.digest = digest?.hexDigest
        } catch {
            result.error = "\(error)"
        }
        if let rejectsPath { result.rejects = try? String(contentsOfFile: rejectsPath, encoding: .utf8) }
        return result
    }

    /// Checks every chunk size in `chunkSizes` (default: 1 … the file's size, so that a boundary
    /// falls on every byte) with 2 and 3 threads against the one-thread read.
    func expectSameForEveryChunking(_ text: String, chunkSizes: [Int]? = nil, badRows: BadRowPolicy = .fail,
                                    lastRelevantDay: Int32 = .max, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = TestFiles.write(text)
        let expected = outcome(path, threads: 1, badRows: badRows, lastRelevantDay: lastRelevantDay, withDigest: true)
        let sizes = chunkSizes ?? Array(1...text.utf8.count + 1)
        for size in sizes {
            for threads in [2, 3] {
                let got = outcome(path, threads: threads, chunkBytes: size, badRows: badRows, lastRelevantDay: lastRelevantDay, withDigest: true)
                #expect(got == expected, "chunk \(size) bytes, \(threads) threads", sourceLocation: sourceLocation)
                if got != expected { return }
            }
        }
    }

    @Test func quotedLineBreaksCRLFAndBOM() {
        let text = "\u{FEFF}note,customer_id,date,amount\r\n"
            + "\"hello, world\",\"A \"\"quoted\"\" id\",1997-01-02,1.5\r\n"
            + "\"multi\nline\nnote\",B,19970103,2\r\n"
            + "\n"
            + "plain,C,1997-01-04T12:00:00Z,-3.25\r\n"
            + "\"x\r\n\",B,1997-01-05,7\r\n"
            + "y,\"A \"\"quoted\"\" id\",1997-01-06,0.1\n"
            + "\"\n\n\",C,1997-01-07,0.2"
        expectSameForEveryChunking(text)
    }

    @Test func repeatedIdsAndSumsWhoseOrderMatters() throws {
        var text = "customer_id,date,amount\n"
        for (k, amount) in ["1e17", "3", "4", "0.1", "-1e17", "0.2", "0.3"].enumerated() {
            text += "a,1997-01-0\(k + 1),\(amount)\nb,1997-01-0\(k + 1),\(amount)\nc\(k),1997-01-01,1\n"
        }
        expectSameForEveryChunking(text)

        // The accumulator behind `churn features`, fed by both reads: the same bits.
        let path = TestFiles.write(text)
        let window = ObservationWindow(cutoff: CalendarDay(parsing: "1997-01-31")!, horizonDays: nil)
        func records(threads: Int, chunkBytes: Int) throws -> [UInt64] {
            let reader = TransactionLogReader(path: path)
            reader.threads = threads
            reader.parallelChunkBytes = chunkBytes
            reader.parallelMinimumBytes = 0
            var accumulator = CustomerActivityAccumulator(window: window)
            try reader.read(into: &accumulator)
            return accumulator.takeRecords().map(\.bitPattern)
        }
        let expected = try? records(threads: 1, chunkBytes: 1 << 20)
        #expect(expected != nil)
        for size in [1, 7, 20, 33, 64, 100] {
            #expect(try records(threads: 2, chunkBytes: size) == expected, "chunk \(size)")
        }
    }

    @Test func badRowsSkippedOrFailing() {
        let text = "customer_id,date,amount\n"
            + "a,1997-01-01,1\n"
            + "b,not a date,2\n"
            + "c,1997-01-02\n"
            + "\"d\nd\",1997-01-03,x\n"
            + ",1997-01-03,4\n"
            + "a,1997-01-04,5,extra\n"
            + "e,1997-01-05,6\n"
        expectSameForEveryChunking(text, badRows: .skip)
        expectSameForEveryChunking(text, badRows: .fail)
    }

    @Test func scanErrorsKeepTheirLines() {
        expectSameForEveryChunking("customer_id,date,amount\na,1997-01-01,1\n\"b\",1997-01-02,2\n\"c\" ,1997-01-03,3\n")
        expectSameForEveryChunking("customer_id,date,amount\na,1997-01-01,1\nb,1997-01-02,2\n\"c,1997-01-03,3\nd,1997-01-04,4\n")
    }

    @Test func outOfOrderDatesAndRowsAfterTheLastRelevantDay() {
        let text = "customer_id,date,amount\na,1997-03-01,1\nb,1997-01-01,2\na,1997-01-15,3\nc,1997-04-01,4\nb,1997-02-01,5\n"
        expectSameForEveryChunking(text)
        expectSameForEveryChunking(text, lastRelevantDay: CalendarDay(parsing: "1997-02-15")!.daysSinceEpoch)
    }

    /// The business time zone caches its current offset; each parse thread has its own.
    @Test func businessTimeZoneAcrossDaylightSavingChanges() throws {
        var text = "customer_id,date,amount\n"
        for k in 0..<400 {
            let month = 1 + (k * 7) % 12, hour = (k * 5) % 24
            text += "c\(k % 17),2024-\(month < 10 ? "0" : "")\(month)-15T\(hour < 10 ? "0" : "")\(hour):30:00Z,\(k)\n"
        }
        let path = TestFiles.write(text)
        let columns = TransactionColumns(timeZone: try BusinessTimeZone(identifier: "America/New_York"))
        let expected = outcome(path, threads: 1, columns: columns)
        #expect(expected.error == nil && expected.rows.count == 400)
        for size in [17, 64, 333, 1000] {
            for _ in 0..<3 {
                #expect(outcome(path, threads: 3, chunkBytes: size, columns: columns) == expected, "chunk \(size)")
            }
        }
    }

    @Test func headerOnlyAndEmptyFile() {
        expectSameForEveryChunking("customer_id,date,amount\n")
        expectSameForEveryChunking("customer_id,date,amount\n\n\n")
        expectSameForEveryChunking("")
        expectSameForEveryChunking("customer_id,date\na,1997-01-01\n")
    }

    /// A seeded random log: quoted notes with line breaks and CRLF, ids from a small pool so they
    /// repeat across chunks, awkward amounts, a few bad rows.
    @Test func randomLogs() {
        var generator = SeededGenerator(seed: 14)  // the library's SplitMix64: the same logs on every run
        for _ in 0..<4 {
            var text = "note,customer_id,date,amount\r\n"
            for _ in 0..<150 {
                let note: String
                switch generator.next() % 5 {
                case 0: note = "\"line\nbreak\""
                case 1: note = "\"crlf\r\n,\"\"q\"\"\""
                case 2: note = ""
                default: note = "n\(generator.next() % 100)"
                }
                let id = generator.next() % 13 == 0 ? "\"id \"\"\(generator.next() % 30)\"\"\"" : "c\(generator.next() % 30)"
                let day = 1 + generator.next() % 28
                let amounts = ["1e17", "3", "4", "0.1", "-2.5", "12.99", "1e-300", "bad"]
                let amount = amounts[Int(generator.next() % UInt64(amounts.count))]
                let end = generator.next() % 2 == 0 ? "\r\n" : "\n"
                text += "\(note),\(id),1997-02-\(day < 10 ? "0" : "")\(day),\(amount)\(end)"
            }
            expectSameForEveryChunking(text, chunkSizes: [1, 2, 3, 5, 8, 13, 31, 64, 127, 500, 1024, 4096], badRows: .skip)
        }
    }

    /// Records each customer's calls bit for bit, per customer: a sink with shards, whose merge
    /// must give every customer the calls, in the order, of the one-thread read.
    struct CustomerCallRecorder: TransactionSink {
        var calls: [[String]] = []
        var rows = 0
        mutating func consume(customer: Int, day: Int32, amount: Double) {
            while calls.count <= customer { calls.append([]) }
            calls[customer].append("\(day) \(amount.bitPattern)")
            rows += 1
        }
        func emptyShard() -> CustomerCallRecorder? { CustomerCallRecorder() }
        mutating func appendCustomer(_ local: Int, from shard: inout CustomerCallRecorder) {
            calls.append(shard.calls[local])
            shard.calls[local] = []
        }
        mutating func absorbTotals(of shard: CustomerCallRecorder) { rows += shard.rows }
    }

    /// What a sharded read leaves: the per-customer calls, the ids, the accumulator's records (as
    /// bits), the summary, the error, the rejects file.
    struct ShardedOutcome: Equatable {
        var calls: [[String]] = []
        var rows = 0
        var ids: [String] = []
        var records: [UInt64] = []
        var outOfOrder = 0
        var recordIDs: [String] = []
        var summary = ""
        var error: String? = nil
        var rejects: String? = nil
    }

    func shardedOutcome(_ path: String, threads: Int, shards: Int, chunkBytes: Int, badRows: BadRowPolicy,
                        window: ObservationWindow) -> ShardedOutcome {
        var result = ShardedOutcome()
        func reader(rejects: String?) -> TransactionLogReader {
            let reader = TransactionLogReader(path: path, badRows: badRows, rejectsPath: rejects)
            reader.threads = threads
            reader.consumerShards = shards
            reader.parallelChunkBytes = chunkBytes
            reader.parallelMinimumBytes = 0
            return reader
        }
        let rejectsPath = badRows == .skip ? TestFiles.temporaryFolder() + "/rejects.csv" : nil
        let calls = reader(rejects: rejectsPath)
        var recorder = CustomerCallRecorder()
        do {
            var summary = try calls.read(into: &recorder)
            summary.seconds = 0
            result.summary = "\(summary)"
            (result.calls, result.rows, result.ids) = (recorder.calls, recorder.rows, calls.customers.ids)
        } catch {
            result.error = "\(error)"
        }
        if let rejectsPath { result.rejects = try? String(contentsOfFile: rejectsPath, encoding: .utf8) }
        let features = reader(rejects: nil)
        let customers = features.customers
        customers.reserve(customers: 64, idBytes: 1024)
        var accumulator = CustomerActivityAccumulator(window: window)
        accumulator.reserve(forFileBytes: 4096, physicalMemory: 1 << 30)
        if (try? features.read(into: &accumulator, lastRelevantDay: window.holdoutEnd?.daysSinceEpoch ?? .max)) != nil {
            result.outOfOrder = accumulator.outOfOrderCount
            result.records = accumulator.takeRecords().map(\.bitPattern)
            result.recordIDs = customers.ids
            // The merged index finds every id again (its lookup table is rebuilt on demand).
            for (k, id) in result.recordIDs.enumerated() where customers.index(of: id) != k { result.recordIDs[k] += " (lost)" }
        }
        return result
    }

    /// Sharded reads against the one-thread read for 1, 2, 3 and 7 shards, on 2 and 3 parse
    /// threads and many chunkings: ids repeated across chunks and shards, bad rows, amounts whose
    /// sums depend on the order (1e17 + 3 + 4), dates out of order, rows after the cut-off.
    @Test func shardedConsumersMatchTheOneThreadRead() {
        var generator = SeededGenerator(seed: 41)
        var text = "customer_id,date,amount\n"
        let amounts = ["1e17", "3", "4", "0.1", "-1e17", "0.2", "0.3", "12.99", "-2.5"]
        for k in 0..<400 {
            let id = k % 50 == 7 ? "\"q \"\"\(generator.next() % 40)\"\"\"" : "customer-\(generator.next() % 40)"
            // Mostly ascending dates with some going back; a few after the cut-off (1997-03-31).
            let day = k % 11 == 0 ? 1 + Int(generator.next() % 28) : min(28, 1 + k / 15)
            let month = k % 37 == 0 ? 5 : 1 + k / 150
            let row = "\(id),1997-0\(month)-\(day < 10 ? "0" : "")\(day),\(amounts[Int(generator.next() % UInt64(amounts.count))])\n"
            switch k % 53 {
            case 13: text += "\(id),not a date,1\n"
            case 29: text += "\(id),1997-01-05,x\n"
            case 41: text += ",1997-01-05,1\n"
            default: break
            }
            text += row
        }
        let path = TestFiles.write(text)
        let window = ObservationWindow(cutoff: CalendarDay(parsing: "1997-03-31")!, horizonDays: 30)
        for badRows in [BadRowPolicy.skip, .fail] {
            let expected = shardedOutcome(path, threads: 1, shards: 0, chunkBytes: 1 << 20, badRows: badRows, window: window)
            #expect(badRows == .fail ? expected.error != nil : expected.error == nil && expected.calls.count >= 40)
            #expect(badRows == .fail || expected.outOfOrder > 0)
            for shards in [1, 2, 3, 7] {
                for threads in [2, 3] {
                    for size in [1, 17, 64, 333, 1000, 4096, 1 << 20] {
                        let got = shardedOutcome(path, threads: threads, shards: shards, chunkBytes: size, badRows: badRows, window: window)
                        #expect(got == expected, "\(shards) shards, \(threads) threads, chunk \(size) bytes, \(badRows)")
                        if got != expected { return }
                    }
                }
            }
        }
    }

    /// Every id hash goes to one shard in range, and the shards share the ids out.
    @Test func shardOfAHash() {
        var generator = SeededGenerator(seed: 3)
        for shards in [1, 2, 3, 7, 64] {
            var counts = [Int](repeating: 0, count: shards)
            for _ in 0..<6400 {
                let id = "c\(generator.next())"
                let shard = id.utf8.withContiguousStorageIfAvailable { TransactionLogReader.shard(of: CustomerIndex.hash($0.baseAddress!, $0.count), among: shards) }!
                counts[shard] += 1
            }
            #expect(counts.allSatisfy { $0 > 6400 / shards / 2 }, "\(shards) shards: \(counts)")
        }
    }

    /// Files below the size threshold, gzip input and one thread take the one-thread path.
    @Test func parallelOnlyForLargeRegularFiles() throws {
        let path = TestFiles.write("customer_id,date,amount\na,1997-01-01,1\n")
        #expect(InputSource.isPlainRegularFile(path: path))
        #expect(!InputSource.isPlainRegularFile(path: "-"))
        let gz = TestFiles.temporaryFolder() + "/log.csv.gz"
        try Data([0x1F, 0x8B, 0x08, 0x00]).write(to: URL(fileURLWithPath: gz))
        #expect(!InputSource.isPlainRegularFile(path: gz))
        #expect(TransactionLogReader.defaultThreadCount >= 1)
    }
}
