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
