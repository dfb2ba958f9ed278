import Foundation
import Testing
@testable import ChurnKit

/// A text column of many rare levels (a surname, a free-text note) is pooled, not memorized.
struct RareLevelTests {
    /// 1,500 customers: the label follows `usage`; `surname` is noise, each name on three rows.
    /// One-hot and standardized, every name's coefficient fits its rows' labels; pooled (the
    /// default, 10 rows per level), the column is harmless.
    static func table(folder: String) throws -> String {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var text = "id,surname,usage,left\n"
        for i in 0..<1500 {
            let usage = uniform() * 4 - 2
            let churned = uniform() < 1 / (1 + exp(1.5 * usage))
            text += "c\(i),name\(i / 3),\(usage),\(churned ? "Yes" : "No")\n"
        }
        let path = folder + "/customers.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func crossValidatedAUC(_ path: String, _ extra: [String]) throws -> Double {
        let run = try ChurnBinary.run(["evaluate", "--terms", "linear", path, "--label", "left", "--positive", "Yes", "--id-column", "id",
                                       "--cv", "5", "--json", "--quiet"] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        return ((json["evaluation"] as! [String: Any])["metrics"] as! [String: Any])["roc_auc"] as! Double
    }

    @Test func aColumnOfRareLevelsIsPooledNotMemorized() throws {
        let folder = ChurnBinary.temporaryFolder()
        let path = try Self.table(folder: folder)
        let pooled = try crossValidatedAUC(path, [])
        let everyLevel = try crossValidatedAUC(path, ["--min-level-rows", "1"])
        // Measured: pooled ≈ usage alone; every level loses several points of AUC.
        #expect(pooled > everyLevel + 0.02, "pooled \(pooled), every level \(everyLevel)")
        // The text report's fold table is one block, a row per fold.
        let text = try ChurnBinary.run(["evaluate", "--terms", "linear", path, "--label", "left", "--positive", "Yes", "--id-column", "id", "--cv", "3", "--quiet"])
        #expect(text.stdout.contains("fold  rows    roc_auc  log_loss\n   1  500 "), "\(text.stdout)")
        #expect(text.stdout.contains("\n   2  500 ") && !text.stdout.contains("\n\n   2"))
        let features = try ChurnBinary.run(["features", path, "--label", "left", "--positive", "Yes", "--id-column", "id",
                                            "--output", folder + "/out.csv"])
        #expect(features.status == 0, "\(features.stderr)")
        #expect(features.stdout.contains("no level in enough rows of its own (an identifier or free text?)"))
        let header = try String(contentsOfFile: folder + "/out.csv", encoding: .utf8).prefix { $0 != "\n" }
        #expect(header == "customer_id,surname=(other),usage,is_churn")
    }
}
