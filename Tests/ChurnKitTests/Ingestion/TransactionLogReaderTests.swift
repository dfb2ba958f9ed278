import Foundation
import Testing
@testable import ChurnKit

/// Collects every row the reader hands on.
struct RowCollector: TransactionSink {
    var rows: [(customer: Int, day: Int32, amount: Double)] = []
    mutating func consume(customer: Int, day: Int32, amount: Double) { rows.append((customer, day, amount)) }
}

struct TransactionLogReaderTests {
    func read(_ text: String, columns: TransactionColumns = TransactionColumns(), badRows: BadRowPolicy = .fail,
              rejects: String? = nil) throws -> (rows: [(customer: Int, day: Int32, amount: Double)], ids: [String], summary: IngestionSummary) {
        let path = TestFiles.write(text)
        let reader = TransactionLogReader(path: path, columns: columns, badRows: badRows, rejectsPath: rejects)
        var sink = RowCollector()
        let summary = try reader.read(into: &sink)
        return (sink.rows, reader.customers.ids, summary)
    }

    func day(_ text: String) -> Int32 { CalendarDay(parsing: text)!.daysSinceEpoch }

    @Test func rfc4180QuotingCRLFAndBOM() throws {
        let text = "\u{FEFF}note,customer_id,date,amount\r\n"
            + "\"hello, world\",\"A \"\"quoted\"\" id\",1997-01-02,\"1,5\"\r\n".replacingOccurrences(of: "\"1,5\"", with: "1.5")
            + "\"multi\nline\",B,19970103,2\r\n"
            + "\n"
            + "plain,C,1997-01-04T12:00:00Z,-3.25"
        let result = try read(text)
        #expect(result.ids == ["A \"quoted\" id", "B", "C"])
        #expect(result.rows.map(\.amount) == [1.5, 2, -3.25])
        #expect(result.rows.map(\.day) == [day("1997-01-02"), day("1997-01-03"), day("1997-01-04")])
        #expect(result.summary.rowsRead == 3)
    }

    @Test func columnsChosenByName() throws {
        let text = "when,who,paid\n1997-01-01,x,1\n"
        let result = try read(text, columns: TransactionColumns(customer: "who", date: "when", amount: "paid"))
        #expect(result.ids == ["x"] && result.rows.count == 1)
    }

    @Test func missingColumnListsTheHeader() throws {
        do {
            _ = try read("customer_id,date,value\n1,1997-01-01,3\n")
            Issue.record("expected an error")
        } catch let error as IngestionError {
            guard case let .missingAmountColumn(_, column, available) = error else { Issue.record("wrong error \(error)"); return }
            #expect(column == "amount" && available == ["customer_id", "date", "value"])
            #expect(error.description.contains("'customer_id', 'date', 'value'"))
            #expect(error.description.contains("without an amount column"))
        }
        // Without an amount column the same log reads, every row a purchase of value 0.
        let result = try read("customer_id,date,value\n1,1997-01-01,3\n", columns: TransactionColumns(amount: nil))
        #expect(result.ids == ["1"] && result.rows.count == 1)
        do {
            _ = try read("id,date\n1,1997-01-01\n", columns: TransactionColumns(amount: nil))
            Issue.record("expected an error")
        } catch let error as IngestionError {
            guard case let .missingColumn(_, column, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(column == "customer_id")
        }
    }

    /// A file without a header row (CDNOW's own `CDNOW_master.txt`) is named as such, not only as
    /// a missing column; real column names never get the hint.
    @Test func aFirstRowOfDataIsNamedAsAMissingHeader() {
        do {
            _ = try read("00001,19970101,1,11.77\n00002,19970112,1,12.00\n")
            Issue.record("expected an error")
        } catch let error as IngestionError {
            guard case .missingColumn = error else { Issue.record("wrong error \(error)"); return }
            #expect(error.description.contains("The first row looks like data, not column names"), "\(error)")
        } catch { Issue.record("got \(error)") }
        #expect(IngestionError.headerLooksLikeData(["1", "2020-01-31 10:00", "-3,5"]))
        #expect(!IngestionError.headerLooksLikeData(["id", "2020", "amount"]))
        #expect(!IngestionError.headerLooksLikeData(["", "-"]))
        let semicolons = IngestionError.missingColumn(file: "f", column: "date", available: ["customer_id;date;amount"])
        #expect(semicolons.description.hasSuffix("the file is probably ';'-separated; read it with delimiter: ';'"), "\(semicolons)")
        let named = IngestionError.missingColumn(file: "f", column: "date", available: ["customer_id", "day"])
        #expect(!named.description.contains("looks like data"))
    }

    @Test func emptyFileAndHeaderOnly() {
        #expect(throws: IngestionError.self) { try read("") }
        do { _ = try read("") } catch let error as IngestionError {
            guard case .emptyFile = error else { Issue.record("got \(error)"); return }
        } catch { Issue.record("got \(error)") }
        do { _ = try read("customer_id,date,amount\n") } catch let error as IngestionError {
            guard case .noRows = error else { Issue.record("got \(error)"); return }
        } catch { Issue.record("got \(error)") }
    }

    /// Each bad row names file, line, column and the offending text.
    @Test(arguments: [
        ("1,1997-13-01,5", 3, "date", "cannot parse '1997-13-01' as a date"),
        ("1,1997-01-01,abc", 3, "amount", "cannot parse 'abc' as a number"),
        ("1,1997-01-01,NaN", 3, "amount", "'NaN' is not a finite amount"),
        ("1,1997-01-01,inf", 3, "amount", "'inf' is not a finite amount"),
        ("1,1997-01-01,", 3, "amount", "the amount is empty"),
        ("1,1997-01-01", 3, "amount", "missing field: expected 3 fields, found 2"),
        ("1,1997-01-01,4,extra", 3, nil, "extra field: expected 3 fields, found 4"),
        (",1997-01-01,4", 3, "customer_id", "the customer id is empty"),
    ] as [(String, Int, String?, String)])
    func badRowStops(row: String, line: Int, column: String?, reason: String) throws {
        let text = "customer_id,date,amount\n1,1997-01-01,2\n\(row)\n2,1997-01-01,3\n"
        let path = TestFiles.write(text, name: "transactions.csv")
        var sink = RowCollector()
        do {
            try TransactionLogReader(path: path).read(into: &sink)
            Issue.record("expected an error")
        } catch let error as IngestionError {
            #expect(error == .malformedRow(file: path, line: line, column: column, reason: error.reasonForTest))
            #expect(error.reasonForTest.hasPrefix(reason))
            if let column { #expect(error.description.hasPrefix("\(path):\(line): column '\(column)': \(reason)")) }
        }
    }

    @Test func skipBadRowsWritesRejects() throws {
        let folder = TestFiles.temporaryFolder()
        let rejects = folder + "/rejects.csv"
        let text = "customer_id,date,amount\n1,1997-01-01,2\n2,1997-02-30,1\n3,1997-01-01,x\n4,1997-01-05,7\n"
        let result = try read(text, badRows: .skip, rejects: rejects)
        #expect(result.summary.rowsRead == 2 && result.summary.rowsSkipped == 2)
        #expect(result.ids == ["1", "4"])
        let written = TestFiles.read(rejects).split(separator: "\n").map(String.init)
        #expect(written.count == 3)
        #expect(written[0] == "line,column,reason,row")
        #expect(written[1].hasPrefix("3,date,\"cannot parse '1997-02-30' as a date"))
        #expect(written[1].hasSuffix("\"2,1997-02-30,1\""))
        #expect(written[2].hasPrefix("4,amount,"))
    }

    @Test func unterminatedQuoteIsAnError() {
        do {
            _ = try read("customer_id,date,amount\n\"1,1997-01-01,2\n")
            Issue.record("expected an error")
        } catch let error as IngestionError {
            guard case let .unterminatedQuote(_, line) = error else { Issue.record("got \(error)"); return }
            #expect(line == 2)
        } catch { Issue.record("got \(error)") }
    }

    /// Records that straddle the read buffer's edge, including quoted newlines, parse the same.
    @Test func tinyBufferGivesSameRecords() throws {
        var text = "customer_id,date,amount\n"
        for i in 0..<500 { text += "\"id \(i % 37)\n\(i % 3)\",1997-0\(1 + i % 9)-1\(i % 10),\(i).25\r\n" }
        let path = TestFiles.write(text)
        var lines: [Int] = []
        var fields: [String] = []
        for size in [7, 64, 1 << 20] {
            var seen: [String] = []
            var seenLines: [Int] = []
            try CSVFileReader(path: path, bufferSize: size).forEachRecord(header: { $0.count }) { record in
                seen.append((0..<record.fieldCount).map { record.string($0) }.joined(separator: "|"))
                seenLines.append(record.line)
            }
            if fields.isEmpty { fields = seen; lines = seenLines }
            #expect(seen == fields)
            #expect(seenLines == lines)
        }
        #expect(fields.count == 500)
        #expect(lines[1] == 4) // each record spans two lines
    }

    @Test func manyCustomersInternDistinctly() throws {
        let index = CustomerIndex(expectedCustomers: 4)
        for i in 0..<50_000 { #expect(index.intern("c\(i)") == i) }
        for i in stride(from: 0, to: 50_000, by: 7) { #expect(index.intern("c\(i)") == i) }
        #expect(index.count == 50_000)
        #expect(index.id(12_345) == "c12345")
        #expect(index.index(of: "nope") == nil)
    }
}

extension IngestionError {
    /// The reason text of a malformed-row error, for comparisons.
    var reasonForTest: String {
        if case let .malformedRow(_, _, _, reason) = self { return reason }
        return ""
    }
}
