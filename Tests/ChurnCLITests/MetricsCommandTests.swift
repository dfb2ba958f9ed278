import Foundation
import Testing
@testable import ChurnCLI
import ChurnKit

/// Writes `contents` to `name` in a fresh folder; the folder and the file's path.
func fixture(_ contents: String, name: String) -> (folder: String, path: String) {
    let folder = ChurnBinary.temporaryFolder()
    try! contents.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
    return (folder, folder + "/" + name)
}

struct MetricsCommandTests {
    static let log = """
    customer_id,date,amount
    a,1997-01-05,10
    a,1997-01-20,5
    b,1997-01-10,20
    c,1997-02-03,7
    b,1997-04-30,-5

    """

    func writeLog() -> (folder: String, path: String) { fixture(Self.log, name: "log.csv") }

    @Test func parsesOptionsInProcess() throws {
        let command = try ChurnCommand.parseAsRoot(["metrics", "log.csv", "--period", "quarter", "--active-window", "60",
                                                    "--margin", "0.3", "--discount-rate", "0.02", "--format", "jsonl", "-o", "m.jsonl"])
        let metrics = try #require(command as? MetricsCommand)
        #expect(metrics.period == .quarter)
        #expect(metrics.activeWindow == 60)
        #expect(metrics.margin == 0.3 && metrics.discountRate == 0.02)
        #expect(metrics.report.format == .jsonl)
        #expect(metrics.report.output == "m.jsonl")
        let cohorts = try #require(try ChurnCommand.parseAsRoot(["cohorts", "log.csv", "--measure", "revenue"]) as? CohortsCommand)
        #expect(cohorts.measure == .revenue && cohorts.period == .month && cohorts.report.format == .table)
        #expect(throws: (any Error).self) { try ChurnCommand.parseAsRoot(["metrics", "log.csv", "--period", "week"]) }
        #expect(throws: (any Error).self) { try ChurnCommand.parseAsRoot(["metrics", "log.csv", "--active-window", "0"]) }
        #expect(throws: (any Error).self) { try ChurnCommand.parseAsRoot(["metrics", "log.csv", "--discount-rate", "-0.1"]) }
    }

    @Test func tableOnStandardOutput() throws {
        let (_, log) = writeLog()
        let run = try ChurnBinary.run(["metrics", log])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("period   start       end         customers_start"))
        #expect(lines[1].hasPrefix("1997-01  1997-01-01  1997-01-31                0              2"))
        #expect(lines[1].contains("n/a"))
        #expect(lines.count(where: { $0.hasPrefix("1997-") }) == 4)
        #expect(run.stdout.contains("historical CLV           12.33 per customer"))
    }

    @Test func writesCSVAtomicallyWithEmptyUndefinedCells() throws {
        let (folder, log) = writeLog()
        let run = try ChurnBinary.run(["metrics", log, "--format", "csv", "--output", folder + "/metrics.csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("wrote \(folder)/metrics.csv"))
        let rows = try String(contentsOfFile: folder + "/metrics.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(rows.count == 5)
        let header = rows[0].split(separator: ",").map(String.init)
        let january = rows[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let april = rows[4].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func cell(_ row: [String], _ name: String) -> String { row[header.firstIndex(of: name)!] }
        #expect(cell(january, "retention_rate") == "")
        #expect(cell(january, "churn_rate") == "")
        #expect(cell(april, "customers_start") == "3")
        #expect(cell(april, "customers_end") == "1")
        #expect(cell(april, "lost_customers") == "2")
        #expect(cell(april, "revenue") == "-5")
        #expect(cell(april, "average_order_value") == "")

        let jsonl = try ChurnBinary.run(["metrics", log, "--period", "year", "--format", "jsonl"])
        #expect(jsonl.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(jsonl.stdout.utf8)) as! [String: Any]
        #expect(object["period"] as? String == "1997")
        #expect(object["retention_rate"] is NSNull)
        #expect(object["customers_end"] as? Int == 1)
    }

    @Test func cohortsEndToEnd() throws {
        let (folder, log) = writeLog()
        let run = try ChurnBinary.run(["cohorts", log, "--format", "csv", "-o", folder + "/cohorts.csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try String(contentsOfFile: folder + "/cohorts.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(rows == ["cohort,customers,period_0,period_1,period_2,period_3", "1997-01,2,100,0,0,0", "1997-02,1,100,0,0,",
                         "1997-03,0,,,,", "1997-04,0,,,,"])
    }

    @Test func badRowsAndMissingFiles() throws {
        let (folder, log) = fixture("customer_id,date,amount\na,1997-01-01,x\n", name: "log.csv")
        let run = try ChurnBinary.run(["metrics", log, "--format", "csv", "--output", folder + "/out.csv"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("Error: \(log):2: column 'amount': cannot parse 'x' as a number"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out.csv"))
        #expect(try ChurnBinary.run(["cohorts", folder + "/nope.csv"]).status == 5)
    }
}

struct NPSCommandTests {
    @Test func scoresGroupsEndToEnd() throws {
        let (folder, survey) = fixture("id,plan,score\n1,pro,10\n2,basic,3\n3,pro,8\n4,basic,9\n5,pro,9\n", name: "survey.csv")
        let run = try ChurnBinary.run(["nps", survey, "--group-column", "plan"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "plan   responses  promoters  passives  detractors  promoters_percent  detractors_percent   nps  unanswered")
        #expect(lines[3] == "all            5          3         1           1               60.0                20.0  40.0           0")
        let written = try ChurnBinary.run(["nps", survey, "--format", "csv", "--output", folder + "/nps.csv"])
        #expect(written.status == 0)
        #expect(try String(contentsOfFile: folder + "/nps.csv", encoding: .utf8) == "group,responses,promoters,passives,detractors,promoters_percent,detractors_percent,nps,unanswered\nall,5,3,1,1,60,20,40,0\n")
    }

    @Test func outOfRangeScoreExitsWithCodeThree() throws {
        let (folder, survey) = fixture("id,rating\n1,10\n2,11\n", name: "survey.csv")
        let run = try ChurnBinary.run(["nps", survey, "--score-column", "rating", "--output", folder + "/nps.csv"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("Error: \(survey):3: column 'rating': '11' is not an NPS score (expected a whole number from 0 to 10, or a blank cell for no answer)"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/nps.csv"))
        let missing = try ChurnBinary.run(["nps", survey])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("no column 'score'"))
    }
}
