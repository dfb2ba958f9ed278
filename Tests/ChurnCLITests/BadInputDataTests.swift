import Foundation
import Testing
@testable import ChurnCLI
@testable import ChurnKit
#if canImport(Glibc)
import Glibc
#endif

/// Bad and unusual input data, end to end through the built `churn` binary: each case writes its
/// files into a fresh temporary folder, runs one command, and checks the exit code, the message
/// (with file:line and column where there is one), any output, and that every input file is
/// byte-for-byte what it was (SHA-256 before and after).
struct BadInputDataTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var category: String
        var name: String
        /// Files to create, by name, and their bytes.
        var files: [String: [UInt8]]
        /// `{dir}` stands for the case's folder.
        var arguments: [String]
        /// Usage errors exit 2 (64 before argument-parser's code is mapped; either is accepted).
        var status: Set<Int32>
        /// Fragments the standard error must contain (`{dir}` substituted).
        var stderr: [String] = []
        var stdout: [String] = []
        /// Fragments that a written file (by name) must contain, or must not contain (`!` prefix).
        var outputs: [String: [String]] = [:]
        /// Bytes given on standard input.
        var stdin: [UInt8]? = nil
        /// Serve this file's bytes through a FIFO of the same name (no regular file exists).
        var fifo: String? = nil

        var testDescription: String { "\(category): \(name)" }
    }

    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }
    static let header = "customer_id,date,amount\n"
    static func log(_ rows: String...) -> [String: [UInt8]] { ["log.csv": text(header + rows.joined(separator: "\n") + "\n")] }
    static func table(_ body: String) -> [String: [UInt8]] { ["t.csv": text(body)] }
    static let features = ["features", "{dir}/log.csv", "--cutoff", "1997-12-31", "--quiet"]
    static let trainTable = ["train", "{dir}/t.csv", "--label", "churn", "--positive", "Yes", "--quiet"]
    static let bigField = String(repeating: "x", count: 2 << 20)

    static let cases: [Case] = [
        // Customer ids are text: invalid UTF-8 is a bad row, never a U+FFFD that merges two ids.
        Case(category: "ids", name: "invalid UTF-8 id stops with line and column",
             files: ["log.csv": text(header + "a,1997-01-01,1\n") + [0xFF, 0x41] + text(",1997-01-02,2\n")],
             arguments: features, status: [3], stderr: ["{dir}/log.csv:3: column 'customer_id': the customer id is not valid UTF-8"]),
        Case(category: "ids", name: "two invalid ids are skipped, never merged",
             files: ["log.csv": text(header + "a,1997-01-01,1\n") + [0xFF] + text(",1997-01-02,2\n") + [0xFE] + text(",1997-01-03,3\n")],
             arguments: features + ["--bad-rows", "skip", "--rejects", "{dir}/rejects.csv", "-o", "{dir}/out.csv"], status: [0],
             stdout: ["customers        1", "(2 bad rows skipped)"],
             outputs: ["out.csv": ["\na,", "!\u{FFFD}"], "rejects.csv": ["3,customer_id,the customer id is not valid UTF-8,\"\\xFF,1997-01-02,2\"", "4,customer_id,the customer id is not valid UTF-8,\"\\xFE,1997-01-03,3\""]]),
        Case(category: "ids", name: "multi-byte ids are kept byte for byte",
             files: log("caf\u{E9},1997-01-01,1", "cafe\u{301},1997-01-02,2", "\u{65E5}\u{672C},1997-01-03,3"),
             arguments: features + ["-o", "{dir}/out.csv"], status: [0], stdout: ["customers        3"],
             outputs: ["out.csv": ["\ncaf\u{E9},", "\ncafe\u{301},", "\n\u{65E5}\u{672C},"]]),
        Case(category: "ids", name: "invalid UTF-8 in a table cell",
             files: ["t.csv": text("plan,churn\nbasic,Yes\n") + [0xC3, 0x28] + text(",No\n")],
             arguments: trainTable, status: [3], stderr: ["{dir}/t.csv:3: column 'plan': the text is not valid UTF-8"]),
        Case(category: "ids", name: "invalid UTF-8 in a table's id column",
             files: ["t.csv": text("id,x,churn\n1,1,Yes\n") + [0x80] + text(",2,No\n")],
             arguments: trainTable + ["--id-column", "id"], status: [3], stderr: ["{dir}/t.csv:3: column 'id': the text is not valid UTF-8"]),
        Case(category: "ids", name: "a UTF-16 log", files: ["log.csv": [0xFF, 0xFE] + Array("customer_id,date,amount\na,1997-01-01,1\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }],
             arguments: features, status: [3], stderr: ["{dir}/log.csv:1: the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8 CSV"]),
        Case(category: "ids", name: "a UTF-16 table (big-endian)", files: ["t.csv": [0xFE, 0xFF] + Array("x,churn\n1,Yes\n".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }],
             arguments: trainTable, status: [3], stderr: ["{dir}/t.csv:1: the file is UTF-16"]),
        Case(category: "ids", name: "invalid UTF-8 in a column name",
             files: ["log.csv": text("customer_id,date,amount,n") + [0xFF] + text("\na,1997-01-01,1,2\n")],
             arguments: features, status: [3], stderr: ["{dir}/log.csv:1: column '#4': the column name is not valid UTF-8"]),

        // Headers.
        Case(category: "header", name: "amount twice", files: ["log.csv": text("customer_id,date,amount,amount\na,1997-01-01,1,2\n")],
             arguments: features, status: [3], stderr: ["{dir}/log.csv:1: the header has the column 'amount' twice (columns 3 and 4)"]),
        Case(category: "header", name: "an unused column twice", files: ["log.csv": text("note,customer_id,date,amount,note\nx,a,1997-01-01,1,y\n")],
             arguments: features, status: [3], stderr: ["column 'note' twice (columns 1 and 5)"]),
        Case(category: "header", name: "a table column twice", files: table("x,churn,x\n1,Yes,2\n2,No,3\n"),
             arguments: trainTable, status: [3], stderr: ["{dir}/t.csv:1: the header has the column 'x' twice (columns 1 and 3)"]),
        Case(category: "header", name: "two unnamed columns", files: ["log.csv": text("customer_id,date,amount,,\na,1997-01-01,1,,\n")],
             arguments: features, status: [3], stderr: ["{dir}/log.csv:1: the header has the column '' twice (columns 4 and 5)"]),
        Case(category: "header", name: "a survey column twice", files: ["s.csv": text("score,score\n9,10\n")],
             arguments: ["nps", "{dir}/s.csv"], status: [3], stderr: ["{dir}/s.csv:1: the header has the column 'score' twice"]),

        // Fold files (`evaluate --folds`): bad data in an input file, exit 3 with its line.
        Case(category: "folds", name: "a fold number out of range", files: table("x,churn\n1,Yes\n2,No\n3,Yes\n4,No\n").merging(["f.txt": text("0\n1\n2\n")]) { $1 },
             arguments: ["evaluate", "{dir}/t.csv", "--label", "churn", "--positive", "Yes", "--cv", "2", "--folds", "{dir}/f.txt", "--quiet"],
             status: [3], stderr: ["{dir}/f.txt:3: '2' is not a fold number in 0..<2 (--cv 2)"]),
        Case(category: "folds", name: "a fold without rows", files: table("x,churn\n1,Yes\n2,No\n3,Yes\n4,No\n").merging(["f.txt": text("0\n0\n0\n0\n")]) { $1 },
             arguments: ["evaluate", "{dir}/t.csv", "--label", "churn", "--positive", "Yes", "--cv", "2", "--folds", "{dir}/f.txt", "--quiet"],
             status: [3], stderr: ["the fold assignment puts no row in fold 1 of 0..<2"]),

        // Field and record limits: endless input fails fast with a place, not with memory.
        Case(category: "limits", name: "a 2 MiB id", files: log("a,1997-01-01,1", bigField + ",1997-01-02,2"),
             arguments: features, status: [3], stderr: ["{dir}/log.csv:3: column 'customer_id': field longer than 1048576 bytes"]),
        Case(category: "limits", name: "an unclosed quote that runs to the end", files: ["log.csv": text(header + "a,1997-01-01,\"" + bigField)],
             arguments: features, status: [3], stderr: ["{dir}/log.csv:2: column 'amount': field longer than 1048576 bytes"]),
        Case(category: "limits", name: "a quoted field with line breaks past the limit",
             files: ["log.csv": text(header + "\"a\nb\",1997-01-01,1\nc,\"" + String(repeating: "y\n", count: 300) + "\",3\n")],
             arguments: features + ["--max-field-bytes", "100"], status: [3], stderr: ["{dir}/log.csv:4: column 'date': field longer than 100 bytes"]),
        Case(category: "limits", name: "a higher --max-field-bytes reads it", files: log("a,1997-01-01,1", bigField + ",1997-01-02,2"),
             arguments: features + ["--max-field-bytes", "4194304"], status: [0], stdout: ["customers        2"]),
        Case(category: "limits", name: "/dev/zero as the log", files: [:],
             arguments: ["features", "/dev/zero", "--cutoff", "1997-12-31"], status: [3], stderr: ["/dev/zero:1: column '#1': field longer than 1048576 bytes"]),
        Case(category: "limits", name: "70,000 empty fields", files: ["log.csv": text(header + String(repeating: ",", count: 70_000) + "\n")],
             arguments: features, status: [3], stderr: ["{dir}/log.csv:2: more than 65536 fields in one record"]),
        Case(category: "limits", name: "--max-field-bytes 0 is a usage error", files: log("a,1997-01-01,1"),
             arguments: features + ["--max-field-bytes", "0"], status: [2, 64], stderr: ["--max-field-bytes must be between 1 and"]),

        // Amounts: one narrow grammar.
        Case(category: "amounts", name: "hex", files: log("a,1997-01-01,0x10"), arguments: features, status: [3],
             stderr: ["{dir}/log.csv:2: column 'amount': cannot parse '0x10' as a number"]),
        Case(category: "amounts", name: "thousands separator in quotes", files: log("a,1997-01-01,\"1,000\""), arguments: features, status: [3],
             stderr: ["{dir}/log.csv:2: column 'amount': cannot parse '1,000' as a number", "no currency signs, thousands separators or hex"]),
        Case(category: "amounts", name: "underscore separator", files: log("a,1997-01-01,1", "a,1997-01-02,1_000"), arguments: features, status: [3],
             stderr: ["{dir}/log.csv:3: column 'amount': cannot parse '1_000' as a number"]),
        Case(category: "amounts", name: "dollar sign", files: log("a,1997-01-01,$5"), arguments: features, status: [3],
             stderr: ["{dir}/log.csv:2: column 'amount': cannot parse '$5' as a number"]),
        Case(category: "amounts", name: "euro sign after", files: log("a,1997-01-01,5\u{20AC}"), arguments: features, status: [3],
             stderr: ["{dir}/log.csv:2: column 'amount': cannot parse '5\u{20AC}' as a number"]),
        Case(category: "amounts", name: "inf", files: log("a,1997-01-01,inf"), arguments: features, status: [3],
             stderr: ["{dir}/log.csv:2: column 'amount': 'inf' is not a finite amount"]),
        Case(category: "amounts", name: "1e999", files: log("a,1997-01-01,1e999"), arguments: features, status: [3],
             stderr: ["{dir}/log.csv:2: column 'amount': '1e999' is not a finite amount"]),
        Case(category: "amounts", name: "NaN", files: log("a,1997-01-01,2", "b,1997-01-01,NaN"), arguments: features, status: [3],
             stderr: ["{dir}/log.csv:3: column 'amount': 'NaN' is not a finite amount"]),
        Case(category: "amounts", name: "spaces around an amount are ignored", files: log("a,1997-01-01, 5 ", "a,1997-01-02,\t-1.5e1"),
             arguments: features + ["-o", "{dir}/out.csv"], status: [0], outputs: ["out.csv": ["\na,1,1,364,-15,363,2,-10,"]]),
        Case(category: "amounts", name: "a sum that overflows names the customer",
             files: log("ok,1997-01-01,1", "big,1997-01-01,1e308", "big,1997-01-02,1e308", "big,1997-01-03,1e308"),
             arguments: features, status: [3], stderr: ["{dir}/log.csv: customer 'big': monetary_value is not a finite number"]),
        Case(category: "amounts", name: "monetary_value from the repeat days, not total minus first",
             files: log("a,1997-01-01,1e17", "a,1997-01-02,3", "a,1997-01-03,4"),
             arguments: features + ["-o", "{dir}/out.csv"], status: [0], stdout: ["sum monetary_value  3.500"], outputs: ["out.csv": ["\na,2,2,364,3.5,"]]),
        Case(category: "amounts", name: "bad amounts skipped into the rejects file",
             files: log("a,1997-01-01,0x10", "a,1997-01-02,3", "b,1997-01-02,\"1,5\""),
             arguments: features + ["--bad-rows", "skip", "--rejects", "{dir}/rejects.csv"], status: [0],
             outputs: ["rejects.csv": ["2,amount,\"cannot parse '0x10' as a number", "4,amount,\"cannot parse '1,5' as a number"]]),

        // Dates.
        Case(category: "dates", name: "29 February of a common year", files: log("a,1997-02-29,1"), arguments: features, status: [3],
             stderr: ["{dir}/log.csv:2: column 'date': cannot parse '1997-02-29' as a date"]),
        Case(category: "dates", name: "year 0", files: log("a,0000-01-01,1"), arguments: features, status: [3],
             stderr: ["{dir}/log.csv:2: column 'date': cannot parse '0000-01-01' as a date"]),
        Case(category: "dates", name: "month 13", files: log("a,1997-01-01,1", "a,1997-13-01,1"), arguments: features, status: [3],
             stderr: ["{dir}/log.csv:3: column 'date': cannot parse '1997-13-01' as a date"]),
        Case(category: "dates", name: "the whole calendar range", files: log("a,9999-12-30,1", "a,9999-12-31,2", "b,0001-01-01,3"),
             arguments: ["features", "{dir}/log.csv", "-o", "{dir}/out.csv"], status: [0], stdout: ["log dates        0001-01-01 … 9999-12-31"],
             outputs: ["out.csv": ["\nb,0,0,3652058,"]]),

        // Labelled tables: a column's type comes from all its cells.
        Case(category: "tables", name: "inf among numbers", files: table("tenure,churn\n1,Yes\n2,No\ninf,No\n4,Yes\n"),
             arguments: trainTable, status: [3], stderr: ["{dir}/t.csv:4: column 'tenure': 'inf' is not a finite number, yet 3 of the column's 4 non-missing cells are numbers"]),
        Case(category: "tables", name: "abc among numbers", files: table("tenure,churn\n1,Yes\n2,No\n3,No\nabc,Yes\n5,No\n"),
             arguments: trainTable, status: [3], stderr: ["{dir}/t.csv:5: column 'tenure': 'abc' is not a number", "--text-columns tenure"]),
        Case(category: "tables", name: "hex among numbers", files: table("charges,churn\n1.5,Yes\n0x10,No\n3,No\n"),
             arguments: trainTable, status: [3], stderr: ["{dir}/t.csv:3: column 'charges': '0x10' is not a number"]),
        Case(category: "tables", name: "thousands separator among numbers", files: table("charges,churn\n1.5,Yes\n\"1,000\",No\n3,No\n"),
             arguments: trainTable, status: [3], stderr: ["{dir}/t.csv:3: column 'charges': '1,000' is not a number"]),
        Case(category: "tables", name: "a column of inf only", files: table("score,churn\ninf,Yes\n-inf,No\n"),
             arguments: trainTable, status: [3], stderr: ["{dir}/t.csv:2: column 'score': 'inf' is not a finite number"]),
        Case(category: "tables", name: "mostly text stays text, and the types are printed",
             files: table("plan,tenure,churn\nbasic,1,Yes\npro,2,No\n3,3,No\npro,4,Yes\n"),
             arguments: trainTable + ["--min-level-rows", "1"], status: [0],
             stdout: ["column types (decided from every cell)", "plan     ", "text, 3 levels (3, basic, pro)", "tenure  ", "numeric"]),
        Case(category: "tables", name: "--text-columns keeps codes as text",
             files: table("zip,churn\n02134,Yes\n10001,No\nSW1A,No\n02134,No\n"),
             arguments: ["features", "{dir}/t.csv", "--label", "churn", "--positive", "Yes", "--text-columns", "zip", "--min-level-rows", "1"], status: [0],
             stdout: ["zip", "text, 3 levels (02134, 10001, SW1A)"]),
        Case(category: "tables", name: "an indicator named like a column", files: table("x,x_missing,churn\n1,0,Yes\n,1,No\n3,0,No\n"),
             arguments: trainTable, status: [3],
             stderr: ["{dir}/t.csv:1: column 'x_missing': the encoded input 'x_missing' would be both an encoded column of 'x' and the column 'x_missing'", "rename one of the columns"]),
        Case(category: "tables", name: "a level named like a column",
             files: table("plan,plan=pro,churn\n" + String(repeating: "pro,1,Yes\nbasic,2,No\n", count: 10)),
             arguments: trainTable, status: [3],
             stderr: ["{dir}/t.csv:1: column 'plan=pro': the encoded input 'plan=pro' would be both an encoded column of 'plan' and the column 'plan=pro'"]),
        Case(category: "tables", name: "an input called customer_id", files: table("customer_id,x,churn\n1,3,Yes\n2,4,No\n"),
             arguments: trainTable, status: [3],
             stderr: ["{dir}/t.csv:1: column 'customer_id': 'customer_id' is the name the feature table gives its id column", "--id-column customer_id"]),
        Case(category: "tables", name: "--min-level-rows below 1", files: table("plan,churn\nbasic,Yes\npro,No\n"),
             arguments: trainTable + ["--min-level-rows", "0"], status: [2, 64], stderr: ["--min-level-rows must be at least 1, not 0"]),
        Case(category: "tables", name: "blank cells are missing", files: table("charges,churn\n1,Yes\n   ,No\n3,No\n"),
             arguments: ["features", "{dir}/t.csv", "--label", "churn", "--positive", "Yes"], status: [0],
             stdout: ["charges", "numeric (missing cells: median 2, plus an indicator column)"]),

        // Labels: the positive value and one other, or the negatives named.
        Case(category: "labels", name: "a float label column is the default --positive 1",
             files: table("x,churn\n1,1.0\n2,0.0\n3,1.0\n4,0.0\n5,0.0\n"),
             arguments: ["train", "{dir}/t.csv", "--label", "churn", "--quiet", "-o", "{dir}/m.json"], status: [0], stdout: ["5 rows, 2 churned (40.00%)"]),
        Case(category: "labels", name: "a third label value", files: table("x,churn\n1,Yes\n2,No\n3,no\n4,No\n"),
             arguments: trainTable, status: [3],
             stderr: ["{dir}/t.csv:4: column 'churn': label 'no' is a second value besides the positive 'Yes' and 'No'", "'Yes' (1 row), 'No' (2 rows), 'no' (1 row)", "--negative No,no"]),
        Case(category: "labels", name: "--negative names both", files: table("x,churn\n1,Yes\n2,No\n3,no\n4,No\n5,Yes\n"),
             arguments: ["features", "{dir}/t.csv", "--label", "churn", "--positive", "Yes", "--negative", "No,no"], status: [0],
             stdout: ["churned          2 (churn rate 0.4000000000)"]),
        Case(category: "labels", name: "a value outside --negative", files: table("x,churn\n1,Yes\n2,No\n3,maybe\n"),
             arguments: trainTable + ["--negative", "No"], status: [3],
             stderr: ["{dir}/t.csv:4: column 'churn': label 'maybe' is neither the positive 'Yes' nor a negative (--negative No)"]),
        Case(category: "labels", name: "the positive value never occurs", files: table("x,churn\n1,Yes\n2,No\n"),
             arguments: ["train", "{dir}/t.csv", "--label", "churn", "--quiet"], status: [3],
             stderr: ["{dir}/t.csv:2: column 'churn': no row has the positive label '1'", "'No' (1 row), 'Yes' (1 row)"]),
        Case(category: "labels", name: "a missing label", files: table("x,churn\n1,Yes\n2,\n3,No\n"),
             arguments: trainTable, status: [3], stderr: ["{dir}/t.csv:3: column 'churn': the label is missing"]),

        // Pipes: `-` is standard input; inputs read twice are spooled.
        Case(category: "pipes", name: "an out-of-order log on standard input with no cut-off", files: [:],
             arguments: ["features", "-", "-o", "{dir}/out.csv"], status: [0], stdout: ["cut-off          1997-03-01", "(2 passes: rows out of date order)"],
             outputs: ["out.csv": ["\nx,2,59,59,3.5,"]],
             stdin: text(header + "x,1997-03-01,4\ny,1997-02-15,9\nx,1997-01-01,1\nx,1997-02-01,3\n")),
        Case(category: "pipes", name: "an out-of-order log from a FIFO", files: log("x,1997-03-01,4", "y,1997-02-15,9", "x,1997-01-01,1", "x,1997-02-01,3"),
             arguments: ["features", "{dir}/log.csv", "-o", "{dir}/out.csv"], status: [0], stdout: ["(2 passes: rows out of date order)"],
             outputs: ["out.csv": ["\nx,2,59,59,3.5,"]], fifo: "log.csv"),
        Case(category: "pipes", name: "training from standard input keeps the file's SHA-256", files: [:],
             arguments: ["train", "-", "--label", "churn", "--positive", "Yes", "-o", "{dir}/m.json", "--quiet"], status: [0],
             outputs: ["m.json": ["\"sha256\" : \"" + ContentDigest.hex(of: text("x,churn\n1,Yes\n2,No\n3,No\n0,Yes\n5,No\n")) + "\""]],
             stdin: text("x,churn\n1,Yes\n2,No\n3,No\n0,Yes\n5,No\n")),
        Case(category: "pipes", name: "/dev/stdin as the log, out of order, no cut-off", files: [:],
             arguments: ["features", "/dev/stdin"], status: [0], stdout: ["cut-off          1997-03-01", "(2 passes: rows out of date order)"],
             stdin: text(header + "x,1997-03-01,4\ny,1997-02-15,9\nx,1997-01-01,1\n")),
        Case(category: "pipes", name: "a bad row on standard input", files: [:], arguments: ["features", "-", "--cutoff", "1997-12-31"], status: [3],
             stderr: ["<stdin>:3: column 'amount': cannot parse 'x' as a number"], stdin: text(header + "a,1997-01-01,1\na,1997-01-02,x\n")),
        Case(category: "pipes", name: "empty standard input", files: [:], arguments: ["features", "-"], status: [3],
             stderr: ["<stdin>: the file is empty (expected a header row)"], stdin: []),

        // CSV structure.
        Case(category: "csv", name: "text after a closing quote", files: log("a,1997-01-01,1", "\"b\"x,1997-01-02,2"), arguments: features, status: [3],
             stderr: ["{dir}/log.csv:3: text after a closing quote"]),
        Case(category: "csv", name: "a quote never closed", files: log("a,1997-01-01,1", "\"b,1997-01-02,2"), arguments: features, status: [3],
             stderr: ["{dir}/log.csv:3: a quoted field is not closed before the end of the file"]),
        Case(category: "csv", name: "an extra field", files: log("a,1997-01-01,1,9"), arguments: features, status: [3],
             stderr: ["{dir}/log.csv:2: extra field: expected 3 fields, found 4"]),
    ]

    @Test(arguments: cases)
    func badInput(_ c: Case) throws {
        let folder = ChurnBinary.temporaryFolder()
        func substitute(_ s: String) -> String { s.replacingOccurrences(of: "{dir}", with: folder) }
        var before: [String: String] = [:]
        for (name, bytes) in c.files where name != c.fifo {
            #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(bytes)))
            before[name] = ContentDigest.hex(of: bytes)
        }
        var writer: Thread? = nil
        if let fifo = c.fifo, let bytes = c.files[fifo] {
            let path = folder + "/" + fifo
            #expect(mkfifo(path, 0o600) == 0)
            writer = Thread {
                let descriptor = open(path, O_WRONLY)
                bytes.withUnsafeBytes { _ = write(descriptor, $0.baseAddress, $0.count) }
                close(descriptor)
            }
            writer?.start()
        }
        let run = try Self.run(c.arguments.map(substitute), stdin: c.stdin)
        #expect(c.status.contains(run.status), "exit \(run.status), stderr: \(run.stderr.prefix(500))")
        for fragment in c.stderr.map(substitute) { #expect(run.stderr.contains(fragment), "stderr: \(run.stderr.prefix(500))") }
        for fragment in c.stdout.map(substitute) { #expect(run.stdout.contains(fragment), "stdout: \(run.stdout.prefix(2000))") }
        for (name, fragments) in c.outputs {
            let written = (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)) ?? ""
            #expect(!written.isEmpty, "\(name) was not written")
            for fragment in fragments {
                if fragment.hasPrefix("!") { #expect(!written.contains(fragment.dropFirst()), "\(name): \(written.prefix(500))") }
                else { #expect(written.contains(substitute(fragment)), "\(name): \(written.prefix(500))") }
            }
        }
        for (name, digest) in before {
            let after = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            #expect(ContentDigest.hex(of: after) == digest, "\(name) changed")
        }
    }

    @Test func atLeastFortyCasesInEveryCategory() {
        #expect(Self.cases.count >= 40)
        #expect(Set(Self.cases.map(\.testDescription)).count == Self.cases.count)
    }

    /// Runs the binary with `stdin` as its standard input (an empty pipe when nil).
    static func run(_ arguments: [String], stdin: [UInt8]?) throws -> ChurnBinary.Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ChurnBinary.path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: ChurnBinary.repositoryRoot)
        let input = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let feeder = Thread {
            if let stdin, !stdin.isEmpty { input.fileHandleForWriting.write(Data(stdin)) }
            try? input.fileHandleForWriting.close()
        }
        feeder.start()
        let errData = Locked<Data>(Data())
        let errReader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        errReader.start()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.isSet { usleep(1000) }
        return ChurnBinary.Run(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                               stderr: String(decoding: errData.value, as: UTF8.self))
    }

    final class Locked<Value>: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Value
        private var done = false
        init(_ value: Value) { stored = value }
        func set(_ value: Value) { lock.lock(); stored = value; done = true; lock.unlock() }
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return done }
        var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
    }
}
