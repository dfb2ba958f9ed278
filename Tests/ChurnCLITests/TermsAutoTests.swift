import Foundation
import Testing
import ChurnKit
@testable import ChurnCLI

/// `--terms auto`: every kind cross-validated on the same folds, the lowest out-of-fold log loss
/// kept and written; refused where a model's terms are not being chosen.
struct TermsAutoTests {
    @Test func trainChoosesTheTermsByCrossValidation() throws {
        let folder = ChurnBinary.temporaryFolder()
        let data = try AdditiveFitOptionTests.table(in: folder)
        let trained = try ChurnBinary.run(["train", data, "--label", "churn", "--positive", "Yes", "--terms", "auto", "--cv", "3",
                                           "--max-bins", "16", "--roughness", "10", "--output", folder + "/m.json"])
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stdout.contains("terms chosen by 3-fold cross-validation"), "\(trained.stdout)")
        // The candidates' printed log losses, and the chosen one is the smallest.
        var losses: [String: Double] = [:]
        var chosen: String?
        for line in trained.stdout.split(separator: "\n") where line.contains("log_loss") && line.hasPrefix("  ") {
            let words = line.split(separator: " ")
            let kind = String(words[0]), loss = Double(words[words.firstIndex(of: "log_loss")! + 1])!
            losses[kind] = loss
            if line.contains("← chosen") { chosen = kind }
        }
        #expect(Set(losses.keys) == ["linear", "additive", "additive+pairs"])
        let best = try #require(losses.min { $0.value < $1.value })
        #expect(chosen == best.key)
        // A step at 60 days and a planted pair: a straight line cannot win here.
        #expect(chosen != "linear")
        let model = try ChurnModel.load(path: folder + "/m.json")
        #expect(model.terms?.kind.rawValue == chosen)
        #expect(model.evaluationKind?.contains("3-fold") == true)
    }

    @Test func evaluateAndReportRefuseAuto() throws {
        let folder = ChurnBinary.temporaryFolder()
        let data = try AdditiveFitOptionTests.table(in: folder)
        let evaluated = try ChurnBinary.run(["evaluate", data, "--label", "churn", "--positive", "Yes", "--terms", "auto", "--cv", "3"])
        #expect(evaluated.status == 2)
        #expect(evaluated.stderr.contains("--terms auto"))
    }
}
