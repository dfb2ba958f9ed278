import Foundation
import Testing
@testable import ChurnCLI
import ChurnKit

struct TrainEvaluateCommandTests {
    @Test func parsesTrainingOptions() throws {
        let command = try ChurnCommand.parseAsRoot(["train", "--terms", "linear", "log.csv", "--horizon", "90", "--solver", "lbfgs", "--C", "0.5",
                                                    "--l1-ratio", "0.2", "--class-weight", "balanced", "--features", "log1p(frequency),T",
                                                    "--no-standardize", "--seed", "7"])
        let train = try #require(command as? TrainCommand)
        #expect(train.training.solver == .lbfgs && train.training.C == 0.5 && train.training.l1Ratio == 0.2)
        #expect(train.training.classWeight == .balanced && !train.training.standardize && train.training.seed == 7)
        #expect(TrainingOptions.inputs(train.training.features!) == [ModelInput(column: "frequency", transform: .log1p), ModelInput(column: "T")])
        #expect(throws: (any Error).self) { try ChurnCommand.parseAsRoot(["train", "--terms", "linear", "log.csv", "--horizon", "90", "--C", "0"]) }
        #expect(throws: (any Error).self) { try ChurnCommand.parseAsRoot(["train", "--terms", "linear", "log.csv", "--horizon", "90", "--features", "log1p()"]) }
        #expect(throws: (any Error).self) { try ChurnCommand.parseAsRoot(["evaluate", "--terms", "linear", "log.csv", "--horizon", "90"]) }
    }

    @Test func trainThenEvaluateEndToEnd() throws {
        let folder = ChurnBinary.temporaryFolder()
        let model = folder + "/telco.json"
        let train = try ChurnBinary.run(["train", "--terms", "linear", "datasets/telco/wa_churn.csv", "--label", "churn", "--positive", "Yes", "--output", model])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("tenure"))
        #expect(train.stdout.contains("converged         yes"))
        #expect(train.stdout.contains("evaluation (in-sample"))
        let loaded = try ChurnModel.load(path: model)
        #expect(loaded.featureSpec.inputKind == .table)
        #expect(loaded.evaluation?["roc_auc"] ?? 0 > 0.84)

        let evaluate = try ChurnBinary.run(["evaluate", "--model", model, "datasets/telco/wa_churn.csv", "--label", "churn", "--json"])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as! [String: Any]
        let metrics = (object["evaluation"] as! [String: Any])["metrics"] as! [String: Any]
        #expect((metrics["roc_auc"] as! Double) > 0.84)
        #expect((((object["evaluation"] as! [String: Any])["gains"] as! [String: Any])["rows"] as! [Any]).count == 10)

        let text = try ChurnBinary.run(["evaluate", "--model", model, "datasets/telco/wa_churn.csv", "--label", "churn"])
        #expect(text.stdout.contains("Gains by decile"))
        #expect(text.stdout.contains("Calibration (uniform bins)"))
    }

    @Test func crossValidationJSON() throws {
        let run = try ChurnBinary.run(["evaluate", "--terms", "linear", "datasets/cdnow/transactions.csv", "--cutoff", "1997-09-30", "--horizon", "273",
                                       "--cv", "3", "--features", "frequency,recency,T,monetary_value", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let cv = object["cross_validation"] as! [String: Any]
        #expect(cv["folds"] as? Int == 3)
        #expect((cv["fold_summaries"] as! [Any]).count == 3)
        let auc = ((object["evaluation"] as! [String: Any])["metrics"] as! [String: Any])["roc_auc"] as! Double
        #expect(auc > 0.76 && auc < 0.78)
    }

    /// Every key of `evaluate --json` is snake_case, and the curves are there: ROC from (0, 0)
    /// to (1, 1), precision-recall ending at recall 1.
    @Test func evaluateJSONIsSnakeCaseWithCurves() throws {
        let run = try ChurnBinary.run(["evaluate", "--terms", "linear", "datasets/telco/wa_churn.csv", "--label", "churn", "--positive", "Yes",
                                       "--cv", "3", "--search-C", "0.1,1", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        var camel: [String] = []
        func visit(_ value: Any, _ path: String) {
            if let dictionary = value as? [String: Any] {
                for (key, child) in dictionary {
                    if key.range(of: "[a-z][A-Z]", options: .regularExpression) != nil { camel.append(path + "." + key) }
                    visit(child, path + "." + key)
                }
            } else if let array = value as? [Any] {
                for child in array.prefix(3) { visit(child, path + "[]") }
            }
        }
        visit(object, "")
        #expect(camel.isEmpty, "camelCase keys: \(camel)")
        let evaluation = (object as! [String: Any])["evaluation"] as! [String: Any]
        let roc = evaluation["roc_curve"] as! [String: Any]
        let fpr = roc["fpr"] as! [Double], tpr = roc["tpr"] as! [Double]
        #expect(fpr.first == 0 && tpr.first == 0 && fpr.last == 1 && tpr.last == 1)
        #expect(fpr.count > 50 && fpr.count < 7043)
        let pr = evaluation["precision_recall_curve"] as! [String: Any]
        #expect((pr["recall"] as! [Double]).last == 1)
        #expect((pr["precision"] as! [Double]).count == (pr["thresholds"] as! [Double]).count)
    }

    /// `--predictions` writes one row per evaluated row; with --cv the probabilities are the
    /// out-of-fold ones, so their AUC is the cross-validated AUC printed in the JSON.
    @Test func evaluateWritesPredictions() throws {
        let folder = ChurnBinary.temporaryFolder()
        let path = folder + "/oof.csv"
        let run = try ChurnBinary.run(["evaluate", "--terms", "linear", "datasets/cdnow/transactions.csv", "--cutoff", "1997-09-30", "--horizon", "273",
                                       "--cv", "3", "--features", "frequency,recency", "--predictions", path, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "customer_id,cutoff,is_churn,churn_probability,fold")
        #expect(lines.count == 23570 + 1)
        let rows = lines.dropFirst().map { $0.split(separator: ",") }
        #expect(rows.allSatisfy { $0[1] == "1997-09-30" && ["1", "2", "3"].contains(String($0[4])) })
        let labels = rows.map { Double($0[2])! }, probabilities = rows.map { Double($0[3])! }
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let auc = ((object["evaluation"] as! [String: Any])["metrics"] as! [String: Any])["roc_auc"] as! Double
        #expect(abs(BinaryClassificationMetrics.compute(labels: labels, probabilities: probabilities).rocAUC - auc) < 1e-12)

        let model = folder + "/telco.json"
        #expect(try ChurnBinary.run(["train", "--terms", "linear", "datasets/telco/wa_churn.csv", "--label", "churn", "--positive", "Yes", "--output", model]).status == 0)
        let jsonl = folder + "/p.jsonl"
        let scored = try ChurnBinary.run(["evaluate", "--model", model, "datasets/telco/wa_churn.csv", "--label", "churn",
                                          "--positive", "Yes", "--predictions", jsonl])
        #expect(scored.status == 0, "\(scored.stderr)")
        let first = try String(contentsOfFile: jsonl, encoding: .utf8).split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("{\"customer_id\":\"1\",\"is_churn\":0,\"churn_probability\":"))
        let backtest = try ChurnBinary.run(["evaluate", "--terms", "linear", "datasets/cdnow/transactions.csv", "--cutoff", "1997-06-30", "--horizon", "90",
                                            "--backtest", "1997-09-30", "--predictions", jsonl])
        #expect(backtest.status != 0 && backtest.stderr.contains("--predictions writes the rows of --model"))
    }

    @Test func badModelFileExitsWithCodeFour() throws {
        let folder = ChurnBinary.temporaryFolder()
        let path = folder + "/model.json"
        try "{\"format_version\": 9}".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try ChurnBinary.run(["evaluate", "--model", path, "datasets/telco/wa_churn.csv", "--label", "churn"])
        #expect(run.status == 4)
        #expect(run.stderr.contains("format_version 9 is not supported"))
        let single = try ChurnBinary.run(["train", "--terms", "linear", "datasets/telco/wa_churn.csv", "--label", "churn", "--positive", "Maybe"])
        #expect(single.status == 3)
        #expect(single.stderr.contains("no row has the positive label 'Maybe'"))
    }

    /// `--every` places snapshots back from the cut-off while a full step of history remains;
    /// without `--cutoff` the cut-off is the last date minus the horizon.
    @Test func rollingSnapshotCutoffs() throws {
        let log = ChurnBinary.repositoryRoot + "/datasets/cdnow/transactions.csv"
        let every = try #require(try ChurnCommand.parseAsRoot(["train", "--terms", "linear", log, "--cutoff", "1997-09-30", "--every", "60d", "--horizon", "90"]) as? TrainCommand)
        let recipe = try every.training.recipe(modelName: "m")
        let cutoffs = try recipe.resolvedCutoffs()
        let horizon = recipe.horizonDays
        #expect(cutoffs.map(\.description) == ["1997-09-30", "1997-08-01", "1997-06-02", "1997-04-03"])
        #expect(horizon == 90)
        let latest = try #require(try ChurnCommand.parseAsRoot(["train", "--terms", "linear", log, "--horizon", "273"]) as? TrainCommand)
        let defaultCutoffs = try latest.training.recipe(modelName: "m").resolvedCutoffs()
        #expect(defaultCutoffs.map(\.description) == ["1997-09-30"])
    }
}
