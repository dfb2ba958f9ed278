import Foundation
import Testing
@testable import ChurnCLI
import ChurnKit

struct ScoreCommandTests {
    /// A CDNOW model trained once by the built binary.
    static let model: String = {
        let path = ChurnBinary.temporaryFolder() + "/cdnow.json"
        let run = try! ChurnBinary.run(["train", "--terms", "linear", "datasets/cdnow/transactions.csv", "--cutoff", "1997-09-30", "--horizon", "273",
                                        "--output", path, "--quiet"])
        precondition(run.status == 0, run.stderr)
        return path
    }()

    static let scoredAt = "2026-01-31T02:00:00Z"

    func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    @Test func parsesOptionsInProcess() throws {
        let command = try ChurnCommand.parseAsRoot(["score", "--model", "m.json", "log.csv", "--as-of", "1998-03-31", "--bands", "0.8,0.5",
                                                    "--budget", "100", "--contact-cost", "2", "--save-rate", "0.3", "--top", "50",
                                                    "--format", "jsonl", "--scored-at", ScoreCommandTests.scoredAt, "--with-segments"])
        let score = try #require(command as? ScoreCommand)
        #expect(score.asOf?.description == "1998-03-31")
        #expect(try score.bandPolicy() == .probability(high: 0.8, medium: 0.5))
        #expect(try score.selection() == OutreachSelection(top: 50, budget: .init(total: 100, contactCost: 2, saveRate: 0.3)))
        #expect(score.rows.format == .jsonl)
        #expect(score.withSegments)
        let rank = try #require(try ChurnCommand.parseAsRoot(["score", "--model", "m.json", "log.csv", "--band-by", "rank"]) as? ScoreCommand)
        #expect(try rank.bandPolicy() == .defaultRank)
    }

    @Test func rejectsBadOptions() {
        for arguments in [["--budget", "100"], ["--contact-cost", "1", "--save-rate", "0.5"], ["--bands", "0.4,0.7"], ["--bands", "0.7"],
                          ["--min-probability", "2"], ["--scored-at", "yesterday"], ["--top", "-1"], ["--value-horizon", "0"]] {
            #expect(throws: (any Error).self, "\(arguments)") { try ChurnCommand.parseAsRoot(["score", "--model", "m.json", "log.csv"] + arguments) }
        }
        #expect(ScoreCommand.helpMessage().contains("Higher churn_probability = higher risk"))
    }

    @Test func endToEndOnCDNOWIsRankedAndByteIdentical() throws {
        let folder = ChurnBinary.temporaryFolder()
        var outputs: [String] = []
        for run in 0..<2 {
            let output = folder + "/risk\(run).csv"
            let result = try ChurnBinary.run(["score", "--model", Self.model, "datasets/cdnow/transactions.csv", "--output", output,
                                              "--scored-at", Self.scoredAt, "--with-segments"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("customers scored 23570"))
            #expect(result.stdout.contains("as of            1998-06-30"))
            #expect(result.stdout.contains("Top 10 at risk"))
            #expect(result.stdout.contains("wrote            \(output)"))
            // Not a terminal: no progress display; only the extrapolation warnings (scored nine
            // months after the model's training cut-off, every customer is older than in training).
            #expect(result.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("warning: ") }, "\(result.stderr)")
            #expect(result.stderr.contains("23570 customers (100.0%) have T outside the training range"))
            outputs.append(read(output))
        }
        #expect(outputs[0] == outputs[1])
        let lines = outputs[0].split(separator: "\n").map(String.init)
        #expect(lines.count == 23_571)
        #expect(lines[0] == (RiskList.columnNames + RFMSegments.columnNames).joined(separator: ","))
        // Ranked: probabilities never increase; ranks count up; equal probabilities in id order.
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        var previous: (p: Double, id: String)? = nil
        for (k, row) in rows.enumerated() {
            #expect(row[0] == String(k + 1))
            let p = Double(row[2])!
            if let previous {
                #expect(p <= previous.p)
                if p == previous.p { #expect(CustomerIDOrder.precedes(previous.id, row[1])) }
            }
            previous = (p, row[1])
            #expect(row[10] == Self.scoredAt)
        }
        #expect(rows.first![3] == "1" && rows.last![3] == "10")
    }

    @Test func budgetSelectionWritesOnlyTheWorthwhileContacts() throws {
        let folder = ChurnBinary.temporaryFolder()
        let output = folder + "/calls.jsonl"
        let result = try ChurnBinary.run(["score", "--model", Self.model, "datasets/cdnow/transactions.csv", "--as-of", "1998-03-31",
                                          "--budget", "300", "--contact-cost", "3", "--save-rate", "0.25", "--format", "jsonl",
                                          "--output", output, "--scored-at", Self.scoredAt])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = read(output).split(separator: "\n")
        #expect(lines.count == 100) // 300 / 3 contacts, and CDNOW has more than 100 customers worth one
        #expect(result.stdout.contains("outreach         100 selected"))
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let gain = object["expected_net_gain"] as! Double
            #expect(gain > 0)
            #expect(abs(gain - ((object["expected_value_at_risk"] as! Double) * 0.25 - 3)) <= 0.011)
        }
    }

    @Test func refusesAMismatchedInputWithExitCode4() throws {
        let folder = ChurnBinary.temporaryFolder()
        let result = try ChurnBinary.run(["score", "--model", Self.model, "datasets/telco/wa_churn.csv", "--output", folder + "/r.csv"])
        #expect(result.status == 4)
        #expect(result.stderr.contains("the input does not match the model's features"))
        #expect(result.stderr.contains("missing: customer_id, date, amount"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/r.csv"))
        let badModel = folder + "/bad.json"
        try "{\"format_version\": 99}".write(toFile: badModel, atomically: true, encoding: .utf8)
        let bad = try ChurnBinary.run(["score", "--model", badModel, "datasets/cdnow/transactions.csv"])
        #expect(bad.status == 4)
        #expect(bad.stderr.contains("format_version 99 is not supported"))
    }

    /// A cell missing at scoring time in a column that had none in training is scored as the
    /// training median (numbers) or all zeros (text), and the scorer says so (the model has no
    /// missing-value effect for it).
    @Test func warnsOfMissingCellsTheModelNeverSaw() throws {
        let folder = ChurnBinary.temporaryFolder()
        let table = "id,tenure,plan,churn\n" + (1...60).map { "\($0),\($0 % 13 + 1),\(["a", "b"][$0 % 2]),\($0 % 3 == 0 ? "Yes" : "No")" }
            .joined(separator: "\n") + "\n"
        try table.write(toFile: folder + "/t.csv", atomically: true, encoding: .utf8)
        try "id,tenure,plan\n1,,a\n2,5,b\n3,NA,\n".write(toFile: folder + "/s.csv", atomically: true, encoding: .utf8)
        for terms in ["linear", "additive"] {
            let train = try ChurnBinary.run(["train", folder + "/t.csv", "--label", "churn", "--positive", "Yes", "--id-column", "id",
                                             "--terms", terms, "--output", folder + "/m.json", "--quiet"])
            #expect(train.status == 0, "\(train.stderr)")
            let score = try ChurnBinary.run(["score", "--model", folder + "/m.json", folder + "/s.csv", "--output", folder + "/r.csv", "--quiet"])
            #expect(score.status == 0, "\(score.stderr)")
            #expect(score.stderr.contains("column 'tenure': 2 rows with no value, scored as the training median 7"), "\(score.stderr)")
            #expect(score.stderr.contains("column 'plan': 1 rows with no value, encoded as all zeros (no training row lacked it"), "\(score.stderr)")
        }
    }

    /// Rows without an id, or repeating one, are scored, and the scorer says how many and where.
    @Test func warnsOfMissingAndRepeatedIDs() throws {
        let folder = ChurnBinary.temporaryFolder()
        let table = "id,tenure,churn\n" + (1...40).map { "c\($0),\($0 % 13 + 1),\($0 % 3 == 0 ? "Yes" : "No")" }.joined(separator: "\n") + "\n"
        try table.write(toFile: folder + "/t.csv", atomically: true, encoding: .utf8)
        let train = try ChurnBinary.run(["train", "--terms", "linear", folder + "/t.csv", "--label", "churn", "--positive", "Yes", "--id-column", "id",
                                         "--output", folder + "/m.json", "--quiet"])
        #expect(train.status == 0, "\(train.stderr)")
        try "id,tenure\nc1,3\n,5\nc2,4\nc1,6\nNA,2\nc2,1\n".write(toFile: folder + "/s.csv", atomically: true, encoding: .utf8)
        let score = try ChurnBinary.run(["score", "--model", folder + "/m.json", folder + "/s.csv", "--output", folder + "/r.csv", "--quiet"])
        #expect(score.status == 0, "\(score.stderr)")
        #expect(score.stderr.contains("column 'id': 2 rows with no customer id (first on line 3)"), "\(score.stderr)")
        #expect(score.stderr.contains("column 'id': 2 rows repeat a customer id of an earlier row (first 'c1' on lines 2 and 5)"), "\(score.stderr)")
        #expect(try String(contentsOfFile: folder + "/r.csv", encoding: .utf8).split(separator: "\n").count == 7)
        try "id,tenure\nc1,3\nc2,4\n".write(toFile: folder + "/clean.csv", atomically: true, encoding: .utf8)
        let clean = try ChurnBinary.run(["score", "--model", folder + "/m.json", folder + "/clean.csv", "--output", folder + "/r2.csv", "--quiet"])
        #expect(clean.status == 0 && !clean.stderr.contains("customer id"), "\(clean.stderr)")
    }

    @Test func scoresASmallLogAsOfADate() throws {
        let folder = ChurnBinary.temporaryFolder()
        let log = folder + "/log.csv"
        try """
        customer_id,date,amount
        b,1998-01-05,30
        a,1998-01-01,10
        a,1998-03-01,20
        c,1998-03-30,5
        b,1998-03-31,40
        d,1998-04-02,99

        """.write(toFile: log, atomically: true, encoding: .utf8)
        let output = folder + "/risk.csv"
        let result = try ChurnBinary.run(["score", "--model", Self.model, log, "--as-of", "1998-03-31", "--output", output,
                                          "--scored-at", Self.scoredAt, "--band-by", "rank", "--bands", "0.25,0.5"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = read(output).split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        // d's only purchase is after the as-of date: not a customer yet.
        #expect(Set(rows.map { String($0[1]) }) == ["a", "b", "c"])
        // By rank: ⌊0.25·3⌋ = 0 high, down to ⌊0.5·3⌋ = 1 medium.
        #expect(rows.map { String($0[4]) } == ["medium", "low", "low"])
        let p = rows.map { Double(String($0[2]))! }
        #expect(p == p.sorted(by: >))
    }

    @Test func segmentsCommand() throws {
        let folder = ChurnBinary.temporaryFolder()
        let output = folder + "/segments.csv"
        let result = try ChurnBinary.run(["segments", "datasets/cdnow/transactions.csv", "--model", Self.model, "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        for segment in RFMSegment.allCases { #expect(result.stdout.contains(segment.rawValue)) }
        #expect(result.stdout.contains("mean_churn_probability"))
        let lines = read(output).split(separator: "\n")
        #expect(lines.count == 23_571)
        #expect(lines[0] == "customer_id,days_since_last,frequency,monetary_total,recency_score,frequency_score,monetary_score,rfm_score,segment,churn_probability")
    }
}
