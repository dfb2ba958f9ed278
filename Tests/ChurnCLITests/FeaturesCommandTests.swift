import Foundation
import Testing
@testable import ChurnCLI
import ChurnKit

struct FeaturesCommandTests {
    @Test func parsesOptionsInProcess() throws {
        let command = try ChurnCommand.parseAsRoot(["features", "log.csv", "--cutoff", "1997-09-30", "--horizon", "273",
                                                    "--customer-column", "id", "--bad-rows", "skip", "--format", "jsonl"])
        let features = try #require(command as? FeaturesCommand)
        #expect(features.cutoff?.description == "1997-09-30")
        #expect(features.horizon == 273)
        #expect(features.logOptions.columns.customer == "id")
        #expect(features.logOptions.badRows == .skip)
        #expect(features.rows.format == .jsonl)
    }

    @Test func rejectsBadOptions() {
        #expect(throws: (any Error).self) { try ChurnCommand.parseAsRoot(["features", "log.csv", "--cutoff", "1997-13-01"]) }
        #expect(throws: (any Error).self) { try ChurnCommand.parseAsRoot(["features", "log.csv", "--horizon", "0"]) }
        #expect(throws: (any Error).self) { try ChurnCommand.parseAsRoot(["features", "log.csv", "--rejects", "r.csv"]) }
    }

    @Test func endToEndOnCDNOW() throws {
        let folder = ChurnBinary.temporaryFolder()
        let run = try ChurnBinary.run(["features", "datasets/cdnow/transactions.csv", "--cutoff", "1997-09-30",
                                       "--horizon", "273", "--output", folder + "/features.csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("customers        23570"))
        #expect(run.stdout.contains("churned          16512 (churn rate 0.7005515486)"))
        #expect(run.stderr.isEmpty) // not a terminal: no progress output
        let lines = try String(contentsOfFile: folder + "/features.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 23_571)
    }

    /// A row-number column in a labelled table is named in a warning with the flags to use.
    @Test func warnsOfARowNumberColumn() throws {
        let folder = ChurnBinary.temporaryFolder()
        let table = "RowNumber,tenure,churn\n" + (1...1000).map { "\($0),\($0 % 40),\($0 % 3 == 0 ? "Yes" : "No")" }.joined(separator: "\n") + "\n"
        try table.write(toFile: folder + "/t.csv", atomically: true, encoding: .utf8)
        let run = try ChurnBinary.run(["features", folder + "/t.csv", "--label", "churn", "--positive", "Yes", "--output", folder + "/f.csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: column 'RowNumber': every row holds a different whole number"), "\(run.stderr)")
        #expect(run.stderr.contains("name it with --id-column if it is the customer id, or leave it out of --features"), "\(run.stderr)")
        #expect(!run.stderr.contains("'tenure'"))
    }

    @Test func badRowExitsWithCodeThreeAndNamesTheLine() throws {
        let folder = ChurnBinary.temporaryFolder()
        let log = folder + "/transactions.csv"
        try "customer_id,date,amount\n1,1997-01-01,3\n2,1997-13-01,4\n".write(toFile: log, atomically: true, encoding: .utf8)
        let run = try ChurnBinary.run(["features", log, "--output", folder + "/out.csv"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("Error: \(log):3: column 'date': cannot parse '1997-13-01' as a date"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out.csv"))
        let missing = try ChurnBinary.run(["features", folder + "/nope.csv"])
        #expect(missing.status == 5)
    }

    /// With --horizon and no --cut-off, the cut-off is the last date minus the horizon (as
    /// training's default), not the last date (whose holdout would lie after the log).
    @Test func horizonWithoutCutoffEndsTheHoldoutAtTheLastDate() throws {
        let folder = ChurnBinary.temporaryFolder()
        let log = folder + "/transactions.csv"
        try "customer_id,date,amount\n1,1997-01-01,3\n2,1997-02-01,4\n1,1997-03-15,5\n".write(toFile: log, atomically: true, encoding: .utf8)
        let run = try ChurnBinary.run(["features", log, "--horizon", "30", "--output", folder + "/out.csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("cut-off          1997-02-13, holdout to 1997-03-15 (30 days)"), "\(run.stdout)")
        let written = try String(contentsOfFile: folder + "/out.csv", encoding: .utf8)
        #expect(written.contains("\n1,") && written.contains("\n2,"))
    }

    /// --delimiter reads a labelled table as it reads a log: in features, train and score.
    @Test func labelledTableWithSemicolons() throws {
        let folder = ChurnBinary.temporaryFolder()
        let table = folder + "/customers.csv"
        var text = "id;plan;tenure;left\n"
        for i in 0..<40 { text += "c\(i);\(i % 2 == 0 ? "basic" : "pro");\(i % 7).5;\(i % 3 == 0 ? "Yes" : "No")\n" }
        try text.write(toFile: table, atomically: true, encoding: .utf8)
        let features = try ChurnBinary.run(["features", table, "--label", "left", "--positive", "Yes", "--id-column", "id", "--delimiter", ";",
                                            "--output", folder + "/out.csv"])
        #expect(features.status == 0, "\(features.stderr)")
        let written = try String(contentsOfFile: folder + "/out.csv", encoding: .utf8)
        #expect(written.hasPrefix("customer_id,plan=basic,plan=pro,tenure,is_churn\nc0,1,0,0.5,1\n"))
        let train = try ChurnBinary.run(["train", "--terms", "linear", table, "--label", "left", "--positive", "Yes", "--id-column", "id", "--delimiter", ";",
                                         "--output", folder + "/m.json", "--quiet"])
        #expect(train.status == 0, "\(train.stderr)")
        let score = try ChurnBinary.run(["score", "--model", folder + "/m.json", table, "--delimiter", ";", "--output", folder + "/s.csv", "--quiet"])
        #expect(score.status == 0, "\(score.stderr)")
        #expect(try String(contentsOfFile: folder + "/s.csv", encoding: .utf8).split(separator: "\n").count == 41)
        // Decimal commas: the same model and scores as with points, the notation stored in the model.
        try text.replacingOccurrences(of: ".5", with: ",5").write(toFile: folder + "/comma.csv", atomically: true, encoding: .utf8)
        let comma = try ChurnBinary.run(["train", "--terms", "linear", folder + "/comma.csv", "--label", "left", "--positive", "Yes", "--id-column", "id",
                                         "--delimiter", ";", "--decimal-comma", "--output", folder + "/mc.json", "--quiet"])
        #expect(comma.status == 0, "\(comma.stderr)")
        let commaScore = try ChurnBinary.run(["score", "--model", folder + "/mc.json", folder + "/comma.csv", "--delimiter", ";",
                                              "--scored-at", "2026-01-01T00:00:00Z", "--output", folder + "/sc.csv", "--quiet"])
        #expect(commaScore.status == 0, "\(commaScore.stderr)")
        let pointScore = try ChurnBinary.run(["score", "--model", folder + "/m.json", table, "--delimiter", ";",
                                              "--scored-at", "2026-01-01T00:00:00Z", "--output", folder + "/sp.csv", "--quiet"])
        #expect(pointScore.status == 0)
        let strip = { (s: String) in s.replacingOccurrences(of: "mc-", with: "m-") }
        #expect(strip(try String(contentsOfFile: folder + "/sc.csv", encoding: .utf8)) == strip(try String(contentsOfFile: folder + "/sp.csv", encoding: .utf8)))
        // The report's cross-validation refits the encoding in the model's notation.
        let report = try ChurnBinary.run(["report", "--model", folder + "/mc.json", folder + "/comma.csv", "--delimiter", ";", "--cv", "3",
                                          "--output", folder + "/r.html", "--quiet"])
        #expect(report.status == 0, "\(report.stderr)")
        let noFlag = try ChurnBinary.run(["train", "--terms", "linear", folder + "/comma.csv", "--label", "left", "--positive", "Yes", "--id-column", "id",
                                          "--delimiter", ";", "--output", folder + "/mn.json", "--quiet"])
        #expect(noFlag.status == 3 && noFlag.stderr.contains("column 'tenure': '0,5' is a number with a decimal comma") && noFlag.stderr.contains("--decimal-comma"),
                "\(noFlag.stderr)")
        // Without --delimiter, the header is one column: an error naming what the header has.
        let oneColumn = try ChurnBinary.run(["train", "--terms", "linear", table, "--label", "left", "--positive", "Yes", "--output", folder + "/m2.json", "--quiet"])
        #expect(oneColumn.status == 3 && oneColumn.stderr.contains("'id;plan;tenure;left'"), "\(oneColumn.stderr)")
    }

    /// A log in the European notation (`;` and `12,50`): read with --decimal-comma, stored in the
    /// model, so score reads it with no options and gives the scores of the same log with points.
    @Test func decimalCommaLogTravelsInTheModel() throws {
        let folder = ChurnBinary.temporaryFolder()
        var points = "customer_id,date,amount\n", commas = "customer_id;date;amount\n"
        for i in 0..<60 {
            let day = String(format: "1997-%02d-%02d", 1 + i % 9, 1 + i % 27), amount = "\(10 + i % 7).\(i % 10)5"
            points += "c\(i % 20),\(day),\(amount)\n"
            commas += "c\(i % 20);\(day);\(amount.replacingOccurrences(of: ".", with: ","))\n"
        }
        try points.write(toFile: folder + "/points.csv", atomically: true, encoding: .utf8)
        try commas.write(toFile: folder + "/commas.csv", atomically: true, encoding: .utf8)
        for (name, options) in [("points", [String]()), ("commas", ["--delimiter", ";", "--decimal-comma"])] {
            let train = try ChurnBinary.run(["train", "--terms", "linear", folder + "/\(name).csv", "--cutoff", "1997-06-30", "--horizon", "60",
                                             "--features", "frequency,recency,T,monetary_value", "--output", folder + "/\(name).json", "--quiet"] + options)
            #expect(train.status == 0, "\(train.stderr)")
            let score = try ChurnBinary.run(["score", "--model", folder + "/\(name).json", folder + "/\(name).csv", "--scored-at", "2026-01-01T00:00:00Z",
                                             "--output", folder + "/\(name)-risk.csv", "--quiet"])
            #expect(score.status == 0, "\(score.stderr)")
        }
        #expect(try String(contentsOfFile: folder + "/commas.json", encoding: .utf8).contains("\"decimal_comma\" : true"))
        let risk = { (name: String) in
            try String(contentsOfFile: folder + "/\(name)-risk.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").prefix(5).joined(separator: ",") }
        }
        #expect(try risk("points") == risk("commas"))
    }

    @Test func labelledTableIsEncoded() throws {
        let folder = ChurnBinary.temporaryFolder()
        let table = folder + "/customers.csv"
        try "id,plan,tenure,left\na,basic,3,Yes\nb,pro,NA,No\nc,basic,10,No\n".write(toFile: table, atomically: true, encoding: .utf8)
        let run = try ChurnBinary.run(["features", table, "--label", "left", "--positive", "Yes", "--id-column", "id", "--min-level-rows", "1", "--output", folder + "/out.csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("churned          1 (churn rate 0.3333333333)"))
        let written = try String(contentsOfFile: folder + "/out.csv", encoding: .utf8)
        #expect(written == "customer_id,plan=basic,plan=pro,tenure,tenure_missing,is_churn\na,1,0,3,0,1\nb,0,1,6.5,1,0\nc,1,0,10,0,0\n")
    }
}
