import Foundation
import Testing
@testable import ChurnCLI
import ChurnKit

struct SQLCommandTests {
    @Test func parsesOptionsInProcess() throws {
        let command = try #require(try ChurnCommand.parseAsRoot(["sql", "--model", "m.json", "--dialect", "spark", "--table", "db.sales",
                                                                 "--as-of", "1998-06-30", "--bands", "0.8,0.5"]) as? SQLCommand)
        #expect(command.dialect == .spark)
        #expect(command.asOf?.description == "1998-06-30")
        #expect(try command.bandPolicy() == .probability(high: 0.8, medium: 0.5))
        for arguments in [["--dialect", "oracle", "--model", "m"], ["--dialect", "duckdb"], ["--dialect", "duckdb", "--model", "m", "--features"],
                          ["--dialect", "duckdb", "--model", "m", "--as-of", "2020-01-01", "--as-of-latest"],
                          ["--dialect", "duckdb", "--model", "m", "--cutoff", "2020-01-01"], ["--dialect", "duckdb", "--features", "--horizon", "0"]] {
            #expect(throws: (any Error).self, "\(arguments)") { try ChurnCommand.parseAsRoot(["sql"] + arguments) }
        }
    }

    @Test func writesTheQueryAndRefusesWhatItCannotExpress() throws {
        let folder = ChurnBinary.temporaryFolder()
        let output = folder + "/score.sql"
        let run = try ChurnBinary.run(["sql", "--model", "models/cdnow.json", "--dialect", "duckdb", "--as-of", "1998-06-30", "--output", output])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.contains("-- model cdnow-"))
        #expect(text.contains("ORDER BY rank;"))

        let features = try ChurnBinary.run(["sql", "--features", "--dialect", "spark", "--cutoff", "1997-09-30", "--horizon", "273",
                                            "--customer-column", "date"])
        #expect(features.status == 0)
        #expect(features.stdout.contains("CAST(`date` AS STRING) AS customer_id"))

        // A table model without an id column: exit 4, saying what to give.
        let noID = try ChurnBinary.run(["sql", "--model", "models/telco.json", "--dialect", "duckdb"])
        #expect(noID.status == 4)
        #expect(noID.stderr.contains("--id-column"))
        let withID = try ChurnBinary.run(["sql", "--model", "models/telco.json", "--dialect", "duckdb", "--id-column", "row"])
        #expect(withID.status == 0)
    }

    /// An additive model exports: each term's bins as a CASE over its cut points, its table and
    /// its cell texts as constant arrays read at the row's cell (the engine tests run the query).
    @Test func exportsAnAdditiveModelWithPairs() throws {
        let folder = ChurnBinary.temporaryFolder()
        let table = "id,tenure,plan,charges,churn\n" + (1...200).map { i in
            "\(i),\(i % 37 + 1),\(["a", "b'c"][i % 2]),\(Double(i % 23) * 4.25),\((i % 37 < 9) != (i % 2 == 0 && i % 23 > 15) ? "Yes" : "No")"
        }.joined(separator: "\n") + "\n"
        try table.write(toFile: folder + "/t.csv", atomically: true, encoding: .utf8)
        let train = try ChurnBinary.run(["train", folder + "/t.csv", "--label", "churn", "--positive", "Yes", "--id-column", "id",
                                         "--terms", "additive+pairs", "--max-bins", "16", "--roughness", "10", "--pairs", "2",
                                         "--output", folder + "/m.json", "--quiet"])
        #expect(train.status == 0, "\(train.stderr)")
        let model = try ChurnModel.load(path: folder + "/m.json")
        let terms = try #require(model.terms)
        #expect(terms.terms.contains { $0.isInteraction })
        for (dialect, lookup) in [("duckdb", "list_value("), ("spark", "element_at(array(")] {
            let run = try ChurnBinary.run(["sql", "--model", folder + "/m.json", "--dialect", dialect])
            #expect(run.status == 0, "\(run.stderr)")
            let sql = run.stdout
            #expect(sql.contains(lookup) && sql.contains("isnan("))
            for (t, term) in terms.terms.enumerated() {
                #expect(sql.contains("-- c\(t + 1): \(term.name), the table entry"), "\(term.name)")
                // Every cut point as a round-trip double literal, in a CASE that bins the input.
                for edge in term.binnings.flatMap(\.edges) {
                    let literal = SQLDialect.duckdb.double(edge)
                    #expect(sql.contains("<= \(literal) THEN"), "\(term.name): \(literal)")
                }
            }
            // A level with a quote is written as a string literal, escaped.
            #expect(sql.contains(dialect == "duckdb" ? "'plan=b''c'" : "'plan=b\\'c'"))
        }
    }

    @Test func trainReadsASavedTrainingTable() throws {
        let folder = ChurnBinary.temporaryFolder()
        let table = folder + "/features.csv", fromTable = folder + "/from-table.json", fromLog = folder + "/from-log.json"
        let window = ["--cutoff", "1997-09-30", "--horizon", "273"]
        #expect(try ChurnBinary.run(["features", "datasets/cdnow/transactions.csv"] + window + ["--output", table, "--quiet"]).status == 0)
        let noCutoff = try ChurnBinary.run(["train", "--terms", "linear", table, "--horizon", "273"])
        #expect(noCutoff.status != 0)
        #expect(noCutoff.stderr.contains("training table"))
        #expect(try ChurnBinary.run(["train", "--terms", "linear", table] + window + ["--output", fromTable, "--quiet"]).status == 0)
        #expect(try ChurnBinary.run(["train", "--terms", "linear", "datasets/cdnow/transactions.csv"] + window + ["--output", fromLog, "--quiet"]).status == 0)
        let a = try ChurnModel.load(path: fromTable), b = try ChurnModel.load(path: fromLog)
        #expect(a.coefficients.map(\.standardized) == b.coefficients.map(\.standardized))
        #expect(a.featureSpec == b.featureSpec)
    }

    @Test func namesFlagsWhereTheLibraryNamesOptions() throws {
        let table = try ChurnModel.load(path: "models/telco.json")
        do {
            _ = try SQLExporter.scoringScript(model: table, dialect: .duckdb, options: SQLScoringOptions(table: "t", asOf: .date(CalendarDay(year: 1998, month: 1, day: 1)!)))
            Issue.record("a table model accepted asOf")
        } catch let error as SQLExportError {
            #expect(error.description.hasPrefix("asOf is for transaction models"))
            #expect(SQLCommand.message(error).hasPrefix("--as-of is for transaction models"))
        }
        let columns = SQLExportError.optionNotForModel(option: "columns", model: "m", modelInput: .table)
        #expect(SQLCommand.message(columns) == "--customer-column/--date-column/--amount-column are for transaction models; m reads a table")
        #expect(SQLCommand.message(.missingIDColumn(model: "m")).hasSuffix("give --id-column NAME"))
        #expect(!SQLExportError.missingIDColumn(model: "m").description.contains("--"))
    }
}
