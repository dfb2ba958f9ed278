import Foundation
import Testing
@testable import ChurnCLI
import ChurnKit

/// Every command reads its data through one feature source: `--rejects` is written by `train`
/// and `evaluate` as by `features` and `score`, and `evaluate --model` reads a log with the
/// model's stored columns as `score` does.
struct FeatureSourceCommandTests {
    /// CDNOW with its columns renamed (`cust,day,qty,value`) and one unreadable row.
    static func renamedLog(in folder: String) throws -> String {
        let text = try String(contentsOfFile: ChurnBinary.repositoryRoot + "/datasets/cdnow/transactions.csv", encoding: .utf8)
        let body = text.split(separator: "\n", maxSplits: 1)[1]
        let path = folder + "/renamed.csv"
        try ("cust,day,qty,value\n" + body + "77,not-a-date,1,3.50\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let columns = ["--customer-column", "cust", "--date-column", "day", "--amount-column", "value", "--bad-rows", "skip"]

    @Test func trainWritesRejects() throws {
        let folder = ChurnBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let log = try Self.renamedLog(in: folder)
        let run = try ChurnBinary.run(["train", "--terms", "linear", log, "--cutoff", "1997-09-30", "--horizon", "273", "--quiet", "-o", folder + "/m.json",
                                       "--rejects", folder + "/rejects.csv"] + Self.columns)
        #expect(run.status == 0, "\(run.stderr)")
        let rejects = try String(contentsOfFile: folder + "/rejects.csv", encoding: .utf8)
        #expect(rejects.contains("not-a-date"))
        #expect(rejects.split(separator: "\n").count == 2)
    }

    @Test func evaluateCrossValidationWritesRejects() throws {
        let folder = ChurnBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let log = try Self.renamedLog(in: folder)
        let run = try ChurnBinary.run(["evaluate", "--terms", "linear", log, "--cutoff", "1997-09-30", "--horizon", "273", "--cv", "3", "--quiet",
                                       "--features", "frequency,recency,T,monetary_value", "--rejects", folder + "/rejects.csv"] + Self.columns)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOfFile: folder + "/rejects.csv", encoding: .utf8).contains("not-a-date"))
    }

    /// A model trained on renamed columns is evaluated on its log without repeating them, and
    /// gives the rows and the AUC it gives when they are repeated.
    @Test func evaluateWithAModelUsesItsColumns() throws {
        let folder = ChurnBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let log = try Self.renamedLog(in: folder)
        let model = folder + "/m.json"
        let train = try ChurnBinary.run(["train", "--terms", "linear", log, "--cutoff", "1997-09-30", "--horizon", "273", "--quiet", "-o", model] + Self.columns)
        try #require(train.status == 0, "\(train.stderr)")

        let bare = try ChurnBinary.run(["evaluate", "--model", model, log, "--cutoff", "1997-09-30", "--bad-rows", "skip", "--json",
                                        "--rejects", folder + "/rejects.csv", "--quiet"])
        #expect(bare.status == 0, "\(bare.stderr)")
        let named = try ChurnBinary.run(["evaluate", "--model", model, log, "--cutoff", "1997-09-30", "--json", "--quiet"] + Self.columns)
        #expect(named.status == 0, "\(named.stderr)")
        let (a, b) = (try Self.json(bare.stdout), try Self.json(named.stdout))
        #expect(a["rows"] as? Int == 23_570)
        #expect(a["rows"] as? Int == b["rows"] as? Int)
        #expect(Self.auc(a) == Self.auc(b))
        #expect(try String(contentsOfFile: folder + "/rejects.csv", encoding: .utf8).contains("not-a-date"))

        // The model's columns again for score, segments and report.
        let score = try ChurnBinary.run(["score", "--model", model, log, "--bad-rows", "skip", "--quiet"])
        #expect(score.status == 0, "\(score.stderr)")
        let segments = try ChurnBinary.run(["segments", log, "--model", model, "--bad-rows", "skip", "--quiet"])
        #expect(segments.status == 0, "\(segments.stderr)")
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func auc(_ object: [String: Any]) -> Double? {
        ((object["evaluation"] as? [String: Any])?["metrics"] as? [String: Any])?["roc_auc"] as? Double
    }
}
