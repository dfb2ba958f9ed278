import ArgumentParser
import ChurnKit
import Foundation

extension TrainCommand {
    /// `churn train --kind bgnbd`: BG/NBD + Gamma-Gamma on the training rows' frequency, recency,
    /// T and monetary_value; the model's churn probability is P(no purchase in the horizon).
    func trainBGNBD() throws {
        let name = output.map { ($0 as NSString).lastPathComponent.replacingOccurrences(of: ".json", with: "") } ?? "bgnbd"
        let recipe = try training.recipe(modelName: name)
        guard recipe.source.hasTransactions, let horizon = recipe.horizonDays else {
            throw FeatureError.invalidOption("--kind bgnbd needs a transaction log (frequency, recency and T come from purchases), not a labelled table")
        }
        let data = try recipe.loadData(progress: ProgressReporter(label: "reading \(training.data)", quiet: quiet))
        let labels = data.table.labels ?? []
        let (part, fit) = try BuyTillYouDieModel.fit(data.table, horizonDays: horizon, penalizerCoef: penalizerCoef)
        var model = ChurnModel.bgnbd(part, fit: fit, data: data, rows: data.table.rowCount, positives: Int(labels.reduce(0, +)),
                                     sourceFile: recipe.source.name, modelName: name)
        if let cv {
            let comparison = try BGNBDComparison.run(recipe, data: data, folds: cv, seed: training.seed, penalizerCoef: penalizerCoef,
                                                     progress: ProgressReporter(label: "cross-validating", quiet: quiet))
            model.evaluation = comparison.bgnbd.headline
            model.evaluationKind = "\(cv)-fold stratified cross-validation (seed \(training.seed)), out-of-fold predictions"
        } else if !labels.isEmpty {
            let report = EvaluationReport(labels: labels, probabilities: try model.churnProbabilities(table: data.table, file: recipe.source.name))
            model.evaluation = report.headline
            model.evaluationKind = "in-sample (the training rows; optimistic — use --cv for an honest estimate)"
        }
        if let output { try model.write(to: output) }
        print(BGNBDSummaryText.render(model, fit: fit))
        if let evaluation = model.evaluation {
            let shown = ["roc_auc", "log_loss", "brier_score", "expected_calibration_error"].compactMap { name in
                evaluation[name].map { "\(name) \(NumberText.fixed($0, 4))" }
            }
            print("\nevaluation of P(no purchase in \(horizon) days) (\(model.evaluationKind ?? "")): \(shown.joined(separator: ", "))")
        }
        if let output { print("\nwrote \(output) (model_id \(model.modelID))") }
    }
}

/// The parameter table `churn train --kind bgnbd` prints, as lifetimes' `summary`.
enum BGNBDSummaryText {
    static func render(_ model: ChurnModel, fit: BGNBDFit) -> String {
        guard let part = model.bgnbd else { return "" }
        let data = model.trainingData
        var lines = ["BG/NBD on \(data.file): \(part.customers) customers in \(part.patterns) distinct (frequency, recency, T) patterns; time in days"]
        lines.append("")
        lines.append("param".padding(8) + "coef".leftPadding(14) + "se(coef)".leftPadding(14) + "lower 95%".leftPadding(14) + "upper 95%".leftPadding(14))
        let p = part.parameters, se = part.standardErrors
        for (name, value, error) in [("r", p.r, se?.r), ("alpha", p.alpha, se?.alpha), ("a", p.a, se?.a), ("b", p.b, se?.b)] {
            let cells = [value, error, error.map { value - 1.96 * $0 }, error.map { value + 1.96 * $0 }]
            lines.append(name.padding(8) + cells.map { ($0.map { NumberText.fixed($0, 6) } ?? "—").leftPadding(14) }.joined())
        }
        lines.append("")
        lines.append("log-likelihood    \(NumberText.fixed(part.logLikelihood, 4)) (penalizer_coef \(NumberText.format(part.penalizerCoef)))")
        if let gg = part.gammaGamma {
            lines.append("Gamma-Gamma       p \(NumberText.fixed(gg.p, 6)), q \(NumberText.fixed(gg.q, 6)), v \(NumberText.fixed(gg.v, 6)); mean spend per purchase \(NumberText.fixed(gg.populationMeanSpend, 2))")
        }
        let report = model.trainingReport
        lines.append("solver            \(report.solver.rawValue) on log(r, α, a, b), analytic gradient")
        lines.append("converged         \(report.converged ? "yes" : "NO") after \(report.iterations) iterations: \(report.message)")
        lines.append("wall time         \(NumberText.fixed(report.seconds, 3)) s")
        lines.append("churn probability P(no purchase in the next \(part.horizonDays) days) = 1 − P(alive) + P(alive)·((α+T)/(α+T+\(part.horizonDays)))^(r+x)")
        for finding in report.diagnostics { lines.append("warning: \(finding)") }
        return lines.joined(separator: "\n")
    }
}
