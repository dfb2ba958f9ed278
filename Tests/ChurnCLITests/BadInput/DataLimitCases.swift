import Testing
@testable import ChurnKit

/// Extreme but valid dates work in every command; overflowing amounts, holdouts past the log's end
/// and degenerate training data are errors that say what to change; the README's exit codes.
enum DataLimitCases {
    static let extremeLog = "customer_id,date,amount\n1,0001-01-01,5\n1,1997-01-01,10\n2,1997-02-01,5\n1,1997-03-01,3\n3,9999-12-31,4\n"
    static let extreme: [String: BadInputFile] = ["log.csv": .text(extremeLog)]
    static let log: [String: BadInputFile] = ["log.csv": .text(BadInputFixture.log)]
    static let overflow: [String: BadInputFile] = [
        "log.csv": .text("customer_id,date,amount\n1,1997-01-01,1e308\n1,1997-02-01,1e308\n1,1997-03-01,1e308\n2,1997-01-05,3\n2,1997-06-05,3\n3,1997-05-01,4\n"),
        "m.json": .copy("models/cdnow.json"),
    ]
    static let table = "id,tenure,charges,churn,weight\n" + (1...40).map { i in
        "\(i),\(i % 13 + 1),\(20 + (i * 7) % 50),\(i % 3 == 0 ? "Yes" : "No"),\(i % 2)"
    }.joined(separator: "\n") + "\n"
    static let tableFiles: [String: BadInputFile] = [
        "t.csv": .text(table),
        "zero.csv": .text(table.replacingOccurrences(of: ",0\n", with: ",0\n").split(separator: "\n").enumerated().map { k, line in
            k == 0 ? String(line) : String(line.dropLast()) + "0"
        }.joined(separator: "\n") + "\n"),
        "one.csv": .text(table.replacingOccurrences(of: "Yes", with: "No")),
    ]

    /// Columns near the ends of Double's range: ±10³⁰⁰ (squares and cubes overflow) and 10⁻³⁰⁰
    /// (prints as 0 with fixed decimals); a label that depends on the huge column's sign.
    static let magnitudes: [String: BadInputFile] = ["t.csv": .text("id,huge,tiny,churn\n" + (1...120).map { i in
        let sign = i % 3 == 0 ? -1.0 : 1.0
        return "\(i),\(sign * Double(i) * 1e300),\(Double(i % 17) * 1e-300),\(sign < 0 || i % 7 == 0 ? "Yes" : "No")"
    }.joined(separator: "\n") + "\n")]
    /// One churner among 60 rows: most inner validation folds hold no churner, so their AUC is undefined.
    static let oneChurner: [String: BadInputFile] = ["t.csv": .text("id,x,churn\n" + (1...60).map { "\($0),\($0 % 11),\($0 == 5 ? "Yes" : "No")" }
        .joined(separator: "\n") + "\n")]

    /// The model `train` wrote loads, and every stored number is finite.
    @Sendable static func finiteModel(_ run: BadInputRun) throws {
        let model = try ChurnModel.load(path: run.path("m.json"))
        let text = try model.jsonText()
        #expect(!text.contains("nan") && !text.contains("inf"))
    }

    static func ok(_ name: String, _ arguments: [String], files: [String: BadInputFile] = extreme, outputs: Set<String> = [],
                   category: String = "extreme dates", check: (@Sendable (BadInputRun) throws -> Void)? = nil) -> BadInputCase {
        BadInputCase(name: name, category: category, files: files, arguments: arguments, exitCode: 0, message: nil, outputs: outputs, check: check)
    }

    static func fail(_ category: String, _ name: String, _ arguments: [String], files: [String: BadInputFile], _ code: Int32, _ message: String) -> BadInputCase {
        BadInputCase(name: name, category: category, files: files, arguments: arguments, exitCode: code, message: message)
    }

    static let holdout = "after the last date in log.csv"

    static let all: [BadInputCase] = [
        ok("metrics by month over 0001…9999", ["metrics", "log.csv"], check: { run in #expect(run.stdout.contains("9999-12")) }),
        ok("metrics by quarter", ["metrics", "log.csv", "--period", "quarter"], check: { run in #expect(run.stdout.contains("9999-Q4")) }),
        ok("metrics by year", ["metrics", "log.csv", "--period", "year", "--format", "csv"]),
        ok("cohorts by month", ["cohorts", "log.csv", "--format", "csv"]),
        ok("cohorts by year, revenue", ["cohorts", "log.csv", "--period", "year", "--measure", "revenue"]),
        ok("features as of 9999-12-31", ["features", "log.csv", "--cutoff", "9999-12-31"]),
        ok("features as of 0001-01-01", ["features", "log.csv", "--cutoff", "0001-01-01"]),
        ok("segments over 0001…9999", ["segments", "log.csv"]),
        ok("score over 0001…9999", ["score", "--model", "m.json", "log.csv"], files: extreme.merging(["m.json": .copy("models/cdnow.json")]) { a, _ in a }),
        ok("score as of 0001-01-01", ["score", "--model", "m.json", "log.csv", "--as-of", "0001-01-01"],
           files: extreme.merging(["m.json": .copy("models/cdnow.json")]) { a, _ in a }),
        ok("features with a holdout in year 1", ["features", "log.csv", "--cutoff", "0001-01-01", "--horizon", "30"]),
        fail("extreme dates", "holdout past 9999-12-31", ["features", "log.csv", "--cutoff", "9999-12-01", "--horizon", "60"], files: extreme, 3, holdout),
        // Overflowing amounts.
        fail("overflowing amounts", "features: three amounts of 1e308", ["features", "log.csv"], files: overflow, 3,
             "log.csv: customer '1': monetary_value is not a finite number"),
        fail("overflowing amounts", "score: three amounts of 1e308", ["score", "--model", "m.json", "log.csv"], files: overflow, 3,
             "log.csv: customer '1': monetary_value is not a finite number"),
        fail("overflowing amounts", "segments with a model: 1e308", ["segments", "log.csv", "--model", "m.json"], files: overflow, 3, "customer '1':"),
        // Extreme magnitudes in a labelled table: a model that loads, finite numbers, readable ranges.
        ok("train linear on ±1e300 and 1e-300 columns", ["train", "--terms", "linear", "t.csv", "--label", "churn", "--positive", "Yes", "--id-column", "id", "--output", "m.json"],
           files: magnitudes, outputs: ["m.json"], category: "extreme magnitudes", check: { run in
               try finiteModel(run)
               // The 10⁻³⁰⁰ column varies: it is kept, not dropped as constant.
               #expect(try ChurnModel.load(path: run.path("m.json")).coefficients.map(\.input).contains("tiny"))
           }),
        ok("train additive+pairs on ±1e300 and 1e-300 columns",
           ["train", "t.csv", "--label", "churn", "--positive", "Yes", "--id-column", "id", "--terms", "additive+pairs", "--output", "m.json"],
           files: magnitudes, outputs: ["m.json"], category: "extreme magnitudes", check: { run in
               try finiteModel(run)
               let terms = try #require(try ChurnModel.load(path: run.path("m.json")).terms).terms
               let ranges = terms.flatMap { term in (0..<term.cellCount).map(term.cellText) }
               #expect(ranges.contains { $0.contains("e+302") } && ranges.contains { $0.contains("e-300") })
               #expect(!ranges.contains { $0.contains("(0, 0]") })
           }),
        ok("train additive with one churner (inner folds without churners)",
           ["train", "t.csv", "--label", "churn", "--positive", "Yes", "--id-column", "id", "--terms", "additive", "--output", "m.json"],
           files: oneChurner, outputs: ["m.json"], category: "degenerate training", check: finiteModel),
        // Holdouts past the end of the log.
        fail("holdout past end", "features", ["features", "log.csv", "--cutoff", "1997-12-01", "--horizon", "60"], files: log, 3, holdout),
        fail("holdout past end", "train", ["train", "log.csv", "--cutoff", "1997-12-01", "--horizon", "60"], files: log, 3, holdout),
        fail("holdout past end", "evaluate --model", ["evaluate", "--model", "m.json", "log.csv", "--cutoff", "1997-12-01"],
             files: log.merging(["m.json": .copy("models/cdnow.json")]) { a, _ in a }, 3, holdout),
        fail("holdout past end", "evaluate --cv", ["evaluate", "log.csv", "--cutoff", "1997-12-01", "--horizon", "60", "--cv", "3"], files: log, 3, holdout),
        fail("holdout past end", "evaluate --backtest", ["evaluate", "log.csv", "--cutoff", "1997-06-30", "--horizon", "60", "--backtest", "1997-12-01"],
             files: log, 3, "the holdout of cut-off 1997-12-01"),
        fail("holdout past end", "snapshots with --cutoffs", ["train", "log.csv", "--cutoffs", "1997-06-30,1997-12-01", "--horizon", "60"], files: log, 3, holdout),
        // Degenerate training data.
        fail("degenerate training", "all sample weights 0", ["train", "zero.csv", "--label", "churn", "--positive", "Yes", "--sample-weight-column", "weight"],
             files: tableFiles, 3, "every sample weight is 0"),
        fail("degenerate training", "one class", ["train", "one.csv", "--label", "churn", "--positive", "Yes"], files: tableFiles, 3,
             "no row has the positive label 'Yes'"),
        fail("degenerate training", "duplicate cut-offs", ["train", "log.csv", "--cutoffs", "1997-06-30,1997-06-30", "--horizon", "60"], files: log, 3,
             "cut-off 1997-06-30 is given twice"),
        fail("degenerate training", "--cutoff with --cutoffs", ["train", "log.csv", "--cutoff", "1997-06-30", "--cutoffs", "1997-05-31", "--horizon", "60"],
             files: log, 2, "use either --cutoff"),
        // The README's exit-code table, one case per code (1, "unexpected", has no known input).
        BadInputCase(name: "0: success", category: "exit codes", files: log, arguments: ["features", "log.csv"], exitCode: 0, message: ""),
        BadInputCase(name: "2: unknown option (argument-parser's 64)", category: "exit codes", files: log, arguments: ["features", "log.csv", "--frobnicate"],
                     exitCode: 2, message: "Unknown option '--frobnicate'"),
        BadInputCase(name: "2: missing argument", category: "exit codes", files: log, arguments: ["score", "log.csv"], exitCode: 2, message: "--model"),
        BadInputCase(name: "2: unknown subcommand", category: "exit codes", files: log, arguments: ["frobnicate"], exitCode: 2, message: nil),
        BadInputCase(name: "3: malformed row with file and line", category: "exit codes",
                     files: ["log.csv": .text("customer_id,date,amount\n1,1997-01-01,5\n2,1997-13-01,5\n")],
                     arguments: ["features", "log.csv"], exitCode: 3, message: "log.csv:3: column 'date'"),
        BadInputCase(name: "4: model file unusable", category: "exit codes", files: log.merging(["m.json": .text("{}")]) { a, _ in a },
                     arguments: ["score", "--model", "m.json", "log.csv"], exitCode: 4, message: "format_version: missing"),
        BadInputCase(name: "5: input file missing", category: "exit codes", files: log, arguments: ["features", "nope.csv"], exitCode: 5,
                     message: "cannot open 'nope.csv'"),
        BadInputCase(name: "0: --help", category: "exit codes", files: [:], arguments: ["--help"], exitCode: 0,
                     check: { run in #expect(run.stdout.contains("Exit codes")) }),
    ]
}

@Suite struct DataLimitCaseTests {
    @Test(arguments: DataLimitCases.all) func run(_ c: BadInputCase) throws { try BadInputRunner.run(c) }
}
