import Foundation
import Testing
@testable import ChurnCLI
import ChurnKit

/// `churn train --kind bgnbd`, `churn score --with-clv`, `churn evaluate --compare bgnbd --fit-checks`
/// and logistic models with `bgnbd_*` inputs, end to end on CDNOW.
struct BGNBDCommandTests {
    static let cdnow = ["datasets/cdnow/transactions.csv", "--cutoff", "1997-09-30", "--horizon", "273"]

    @Test func trainScoreAndEvaluateABGNBDModel() throws {
        let folder = ChurnBinary.temporaryFolder()
        let model = folder + "/bgnbd.json"
        let train = try ChurnBinary.run(["train"] + Self.cdnow + ["--kind", "bgnbd", "--output", model, "--quiet"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("8685 distinct (frequency, recency, T) patterns"))
        #expect(train.stdout.contains("alpha") && train.stdout.contains("converged         yes"))
        let loaded = try ChurnModel.load(path: model)
        #expect(loaded.modelType == "bgnbd" && loaded.formatVersion == ChurnModel.currentFormatVersion)
        let p = try #require(loaded.bgnbd).parameters
        #expect(isClose(p.r, 0.25162401142410395, relative: 1e-4) && isClose(p.alpha, 33.5226161922892, relative: 1e-4))
        #expect(loaded.bgnbd?.gammaGamma != nil)
        // Round trip: the file reads back as the same value.
        let copy = folder + "/copy.json"
        try loaded.write(to: copy)
        #expect(try ChurnModel.load(path: copy) == loaded)

        let risk = folder + "/risk.csv"
        let score = try ChurnBinary.run(["score", "--model", model, "datasets/cdnow/transactions.csv", "--as-of", "1997-09-30",
                                         "--with-clv", "--output", risk, "--quiet", "--scored-at", "2026-01-01T00:00:00Z"])
        #expect(score.status == 0, "\(score.stderr)")
        let lines = try String(contentsOfFile: risk, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 23571)
        #expect(lines[0].hasSuffix("expected_spend,clv"))
        #expect(lines[1].contains("last purchase") && lines[1].contains("days ago after"))
        // The probability written is the model's P(no purchase in 273 days) for that customer.
        let fields = lines[1].split(separator: ",", omittingEmptySubsequences: false)
        let table = try TransactionFeatureBuilder().build(path: ChurnBinary.repositoryRoot + "/datasets/cdnow/transactions.csv",
                                                          cutoff: CalendarDay(parsing: "1997-09-30"), horizonDays: nil).table
        let row = try #require(table.customerIDs.firstIndex(of: String(fields[1])))
        let expected = p.probabilityNoPurchase(days: 273, frequency: table.column("frequency")![row], recency: table.column("recency")![row],
                                               T: table.column("T")![row])
        #expect(isClose(Double(fields[2])!, expected, absolute: 0, relative: 1e-15))

        let evaluate = try ChurnBinary.run(["evaluate", "--model", model] + Self.cdnow + ["--json"])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as! [String: Any]
        let auc = ((object["evaluation"] as! [String: Any])["metrics"] as! [String: Any])["roc_auc"] as! Double
        #expect(auc > 0.7 && auc < 0.8)
    }

    @Test func compareAndFitChecks() throws {
        let run = try ChurnBinary.run(["evaluate", "--terms", "linear"] + Self.cdnow + ["--compare", "bgnbd", "--cv", "3", "--fit-checks", "--json", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let rows = (object["comparison"] as! [String: Any])["rows"] as! [[String: Any]]
        #expect(rows.map { $0["model"] as! String } == ["logistic regression", "BG/NBD"])
        for row in rows { #expect((row["fold_roc_auc"] as! [Double]).count == 3) }
        let checks = object["fit_checks"] as! [String: Any]
        let calibration = checks["calibration_vs_holdout"] as! [[String: Any]]
        #expect(calibration.count == 8 && calibration.last!["frequency"] as! String == "7+")
        #expect(calibration.reduce(0) { $0 + ($1["customers"] as! Int) } == 23570)
        let repeats = checks["repeat_purchases"] as! [[String: Any]]
        let expected = repeats.reduce(0.0) { $0 + ($1["expected"] as! Double) }
        #expect(isClose(expected, 23570, relative: 1e-9))
        #expect(repeats[0]["customers"] as! Int == 14119)

        // The default terms are named, not passed off as the linear model (fixed settings: no inner search).
        let text = try ChurnBinary.run(["evaluate"] + Self.cdnow + ["--compare", "bgnbd", "--cv", "3", "--quiet", "--max-bins", "16",
                                                                    "--roughness", "100", "--pairs", "0", "--roughness-per-term", "off"])
        #expect(text.stdout.contains("\nlogistic additive+pairs   0.7") && text.stdout.contains("\nBG/NBD  "), "\(text.stdout)")
        #expect(text.stdout.contains("Logistic additive+pairs (out of fold):"), "\(text.stdout)")
    }

    @Test func logisticModelWithBGNBDInputsStoresTheFitAndScores() throws {
        let folder = ChurnBinary.temporaryFolder()
        let model = folder + "/with-bgnbd.json"
        let train = try ChurnBinary.run(["train", "--terms", "linear"] + Self.cdnow + ["--features", "frequency,recency,T,bgnbd_p_alive,bgnbd_expected_purchases",
                                                                   "--cv", "3", "--output", model, "--quiet"])
        #expect(train.status == 0, "\(train.stderr)")
        let loaded = try ChurnModel.load(path: model)
        #expect(loaded.modelType == ChurnModel.logisticRegressionType)
        #expect(loaded.inputs.map(\.column).contains("bgnbd_p_alive"))
        #expect(loaded.bgnbd != nil)
        let score = try ChurnBinary.run(["score", "--model", model, "datasets/cdnow/transactions.csv", "--with-clv", "--quiet",
                                         "--output", folder + "/risk.csv"])
        #expect(score.status == 0, "\(score.stderr)")
        // A model without a BG/NBD fit cannot add CLV columns.
        let plain = folder + "/plain.json"
        _ = try ChurnBinary.run(["train", "--terms", "linear"] + Self.cdnow + ["--features", "frequency,T", "--output", plain, "--quiet"])
        let refused = try ChurnBinary.run(["score", "--model", plain, "datasets/cdnow/transactions.csv", "--with-clv", "--quiet"])
        #expect(refused.status == 3 && refused.stderr.contains("--with-clv"))
        // BG/NBD needs a transaction log.
        let table = try ChurnBinary.run(["train", "datasets/telco/wa_churn.csv", "--label", "churn", "--positive", "Yes", "--kind", "bgnbd"])
        #expect(table.status != 0 && table.stderr.contains("transaction log"))
    }
}

private func isClose(_ a: Double, _ b: Double, absolute: Double = 0, relative: Double) -> Bool {
    a == b || abs(a - b) <= absolute + relative * max(abs(a), abs(b))
}
