import Foundation
import Testing
@testable import ChurnKit

/// The byte writer of feature tables (`churn features --output`) against the `String`-per-field
/// writer it replaced, kept below as the reference: the files must not change by a byte, except
/// where the old one wrote a broken CSV (a CR LF inside an id, one `Character`, went unquoted).
struct FeatureTableWritingTests {
    /// The old `FeatureTable.write`, as a string.
    static func oldText(_ table: FeatureTable, format: TableFormat) -> String {
        func number(_ value: Double) -> String {
            if value.isNaN { return "NaN" }
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return value.description
        }
        var out = ""
        switch format {
        case .csv:
            out += (["customer_id"] + table.columnNames + (table.labels == nil ? [] : ["is_churn"])).map(CSVText.quoted).joined(separator: ",") + "\n"
            for i in 0..<table.rowCount {
                var line = CSVText.quoted(table.customerIDs[i])
                for j in 0..<table.columnCount { line += "," + number(table.values[i * table.columnCount + j]) }
                if let labels = table.labels { line += "," + number(labels[i]) }
                out += line + "\n"
            }
        case .jsonl:
            let keys = table.columnNames.map(NumberText.jsonString)
            for i in 0..<table.rowCount {
                var line = "{\"customer_id\":" + NumberText.jsonString(table.customerIDs[i])
                for j in 0..<table.columnCount {
                    let value = table.values[i * table.columnCount + j]
                    line += "," + keys[j] + ":" + (value.isFinite ? number(value) : "null")
                }
                if let labels = table.labels { line += ",\"is_churn\":" + number(labels[i]) }
                out += line + "}\n"
            }
        }
        return out
    }

    /// Ids and numbers that exercise quoting, escaping and every number form; enough rows to
    /// cross the 256 KiB flush more than once.
    static func awkwardTable(labelled: Bool) -> FeatureTable {
        let ids = ["plain", "comma,id", "quote\"id", "line\nbreak", "tab\tid", "naïve 顧客", "back\\slash", "", " spaced "]
        let numbers: [Double] = [0, -0.0, 1, -3, 0.1, 1.0 / 3, 1e15, 1e20, -2.5e-308, .leastNonzeroMagnitude, .nan, .infinity, -.infinity, 123456.789, 0.7005515486]
        let rows = 12_000, columns = 4
        let customerIDs = (0..<rows).map { i in i < ids.count ? ids[i] : "\(ids[i % ids.count])-\(i)" }
        let values = (0..<(rows * columns)).map { k in numbers[(k * 7 + k / columns) % numbers.count] * (k % 3 == 0 ? 1 : 1.5) }
        return FeatureTable(columnNames: ["days_since_last", "weird,name", "quote\"name", "spend_90d"], customerIDs: customerIDs,
                            values: values, labels: labelled ? (0..<rows).map { Double($0 % 2) } : nil)
    }

    @Test(arguments: TableFormat.allCases, [false, true])
    func featureTablesKeepTheirBytes(format: TableFormat, labelled: Bool) throws {
        let table = Self.awkwardTable(labelled: labelled)
        let path = TestFiles.temporaryFolder() + "/features.\(format.rawValue)"
        try table.write(to: path, format: format)
        let written = TestFiles.read(path)
        #expect(written.utf8.count > 1 << 18)
        #expect(written == Self.oldText(table, format: format))
    }

    /// The one intended change: an id holding CR LF is quoted (the old writer compared
    /// `Character`s, and "\r\n" is one, equal to neither "\r" nor "\n"), so the file reads back.
    @Test func anIdWithCRLFIsQuoted() throws {
        let table = FeatureTable(columnNames: ["x"], customerIDs: ["a\r\nb", "c"], values: [1, 2])
        let path = TestFiles.temporaryFolder() + "/features.csv"
        try table.write(to: path, format: .csv)
        #expect(TestFiles.read(path) == "customer_id,x\n\"a\r\nb\",1\nc,2\n")
        let back = try RawTable.read(path: path)
        #expect(back.cells.map { $0[0] } == ["a\r\nb", "c"])
    }
}
