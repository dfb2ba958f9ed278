import Foundation
import Testing
@testable import ChurnKit
#if canImport(Glibc)
import Glibc
#endif

/// Hostile and unusual inputs: endless fields, repeated column names, bytes that are not UTF-8,
/// pipes that can be read only once.
struct InputSafetyTests {
    func malformed(_ body: () throws -> Void) -> (line: Int, column: String?, reason: String)? {
        do {
            try body()
        } catch let IngestionError.malformedRow(_, line, column, reason) {
            return (line, column, reason)
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return nil
    }

    func readLog(_ path: String, limits: CSVLimits? = nil, badRows: BadRowPolicy = .fail) throws -> (ids: [String], summary: IngestionSummary) {
        let reader = TransactionLogReader(path: path, badRows: badRows, limits: limits)
        var sink = RowCollector()
        let summary = try reader.read(into: &sink)
        return (reader.customers.ids, summary)
    }

    /// One endless field fails with its line and column as soon as it passes the limit.
    @Test func overlongFieldIsAnErrorWithLineAndColumn() throws {
        let long = String(repeating: "x", count: 3 << 20)
        for (text, line, column) in [
            ("customer_id,date,amount\na,1997-01-01,1\n\(long),1997-01-02,2\n", 3, "customer_id"),
            ("customer_id,date,amount\na,1997-01-01,1\nb,1997-01-02,\"\(long)", 3, "amount"),
            ("customer_id,date,amount\n\"a\nb\",1997-01-01,\(long)\n", 3, "amount"),
        ] {
            let path = TestFiles.write(text)
            let found = malformed { _ = try readLog(path) }
            #expect(found?.line == line)
            #expect(found?.column == column)
            #expect(found?.reason.contains("longer than 1048576 bytes") == true)
            // A higher limit reads the same file.
            if column == "customer_id" {
                #expect(throws: Never.self) { _ = try readLog(path, limits: CSVLimits(maxFieldBytes: 4 << 20)) }
            }
        }
    }

    /// `/dev/zero` (read only) is one endless field of NUL bytes: an error after the first
    /// buffer, not a process that grows until the machine runs out of memory.
    @Test func endlessDeviceFailsFast() throws {
        let found = malformed { _ = try readLog("/dev/zero") }
        #expect(found?.line == 1)
        #expect(found?.reason.contains("longer than") == true)
    }

    /// Many empty fields: bounded by the field-count limit.
    @Test func tooManyFieldsIsAnError() throws {
        let path = TestFiles.write("customer_id,date,amount\n" + String(repeating: ",", count: 70_000) + "\n")
        let found = malformed { _ = try readLog(path) }
        #expect(found?.line == 2)
        #expect(found?.reason.contains("more than 65536 fields") == true)
    }

    @Test func duplicatedColumnNameIsAnError() throws {
        let path = TestFiles.write("customer_id,date,amount,amount\na,1997-01-01,1,2\n")
        #expect(throws: IngestionError.duplicateColumn(file: path, column: "amount", positions: [3, 4])) { _ = try readLog(path) }
        let table = TestFiles.write("id,x,churn,x\n1,2,Yes,3\n")
        #expect(throws: IngestionError.duplicateColumn(file: table, column: "x", positions: [2, 4])) { _ = try RawTable.read(path: table) }
    }

    /// Ids are bytes: two different invalid-UTF-8 ids must never become the same `�` customer.
    @Test func invalidUTF8IdIsABadRow() throws {
        var bytes = Array("customer_id,date,amount\nok,1997-01-01,1\n".utf8)
        bytes += [0xFF, 0x41] + Array(",1997-01-02,2\n".utf8)
        bytes += [0xFE, 0x41] + Array(",1997-01-03,3\n".utf8)
        bytes += Array("caf\u{E9},1997-01-04,4\n".utf8)
        let path = TestFiles.temporaryFolder() + "/log.csv"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let found = malformed { _ = try readLog(path) }
        #expect(found?.line == 3 && found?.column == "customer_id" && found?.reason == "the customer id is not valid UTF-8")
        let skipped = try readLog(path, badRows: .skip)
        #expect(skipped.ids == ["ok", "café"])
        #expect(skipped.summary.rowsSkipped == 2)
    }

    @Test func invalidUTF8TableCellIsAnError() throws {
        let path = TestFiles.temporaryFolder() + "/t.csv"
        _ = FileManager.default.createFile(atPath: path, contents: Data(Array("plan,churn\nbasic,Yes\n".utf8) + [0xC3, 0x28] + Array(",No\n".utf8)))
        let found = malformed { _ = try RawTable.read(path: path) }
        #expect(found?.line == 3 && found?.column == "plan")
    }

    /// A log out of date order with no cut-off needs three passes (dates, main, recount); from a
    /// FIFO it is spooled once and gives the same features as the regular file.
    @Test func fifoInputNeedingSeveralPassesIsSpooled() throws {
        let text = "customer_id,date,amount\nx,1997-03-01,4\ny,1997-02-15,9\nx,1997-01-01,1\nx,1997-02-01,3\ny,1997-01-10,2\n"
        let regular = try TransactionFeatureBuilder().build(path: TestFiles.write(text), cutoff: nil, horizonDays: nil)
        let folder = TestFiles.temporaryFolder()
        let fifo = folder + "/log.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Thread {
            let descriptor = open(fifo, O_WRONLY)
            _ = text.withCString { write(descriptor, $0, strlen($0)) }
            close(descriptor)
        }
        writer.start()
        let digest = ContentDigest()
        var builder = TransactionFeatureBuilder()
        builder.digest = digest
        let piped = try builder.build(path: fifo, cutoff: nil, horizonDays: nil)
        #expect(piped.passes == 2)
        #expect(piped.table.values == regular.table.values)
        #expect(piped.table.customerIDs == regular.table.customerIDs)
        #expect(piped.window.cutoff == CalendarDay(parsing: "1997-03-01"))
        #expect(digest.hexDigest == ContentDigest.hex(of: Array(text.utf8)))
    }
}
