import ArgumentParser
import ChurnKit
import Foundation

extension EvaluateCommand {
    /// `--compare bgnbd` (logistic and BG/NBD on the same folds) and `--fit-checks`.
    func evaluateBGNBD(_ recipe: TrainingRecipe, output: inout Output, text: inout [String], progress: ProgressReporter) throws {
        guard recipe.source.hasTransactions, let horizon = recipe.horizonDays else {
            throw FeatureError.invalidOption("--compare bgnbd and --fit-checks need a transaction log")
        }
        let data = try recipe.loadData(progress: progress)
        output.rows = data.table.rowCount
        if compare != nil {
            let folds = cv ?? 5
            let comparison = try BGNBDComparison.run(recipe, data: data, folds: folds, seed: training.seed, progress: progress)
            output.comparison = comparison
            output.evaluation = comparison.logistic
            var lines = ["\(folds)-fold cross-validation (seed \(training.seed)), \(data.table.rowCount) rows, the same folds for both; out-of-fold P(churn = no purchase in \(horizon) days):",
                         "model".padding(26) + "roc_auc  log_loss  brier    ECE      fold AUCs"]
            for row in comparison.rows {
                lines.append(row.model.padding(26) + NumberText.fixed(row.rocAUC, 4).padding(9) + NumberText.fixed(row.logLoss, 4).padding(10)
                             + NumberText.fixed(row.brierScore, 4).padding(9) + NumberText.fixed(row.expectedCalibrationError, 4).padding(9)
                             + row.foldAUC.map { NumberText.fixed($0, 4) }.joined(separator: " "))
            }
            text.append(lines.joined(separator: "\n"))
            text.append("\(comparison.rows[0].model.prefix(1).uppercased() + comparison.rows[0].model.dropFirst()) (out of fold):\n"
                        + EvaluationText.render(comparison.logistic))
            text.append("BG/NBD (out of fold):\n" + EvaluationText.render(comparison.bgnbd))
        }
        if fitChecks {
            let cutoff = data.cutoffs.max()!
            let split = try BGNBDHoldoutSplit.read(recipe.source, cutoff: cutoff, holdoutDays: horizon, progress: progress)
            let (part, _) = try BuyTillYouDieModel.fit(split.calibration, horizonDays: horizon)
            let checks = try split.fitChecks(parameters: part.parameters)
            output.fitChecks = checks
            text.append(BGNBDFitCheckText.render(checks, cutoff: cutoff, parameters: part.parameters))
        }
    }
}

/// The fit-check tables, as lifetimes plots them.
enum BGNBDFitCheckText {
    static func render(_ checks: BGNBDFitChecks, cutoff: CalendarDay, parameters: BGNBDParameters) -> String {
        var lines = ["BG/NBD fit checks (fitted on every customer at \(cutoff): r \(NumberText.fixed(parameters.r, 4)), α \(NumberText.fixed(parameters.alpha, 4)), a \(NumberText.fixed(parameters.a, 4)), b \(NumberText.fixed(parameters.b, 4)))"]
        if let rows = checks.calibrationVsHoldout, let days = checks.holdoutDays {
            lines.append("")
            lines.append("Purchases in the \(NumberText.format(days))-day holdout by calibration frequency (lifetimes' calibration_purchases_vs_holdout_purchases)")
            lines.append("frequency  customers  actual mean  predicted mean")
            for row in rows {
                lines.append(row.frequency.leftPadding(9) + String(row.customers).leftPadding(11) + NumberText.fixed(row.actual, 4).leftPadding(13)
                             + NumberText.fixed(row.expected, 4).leftPadding(16))
            }
        }
        lines.append("")
        lines.append("Customers by number of repeat purchases in the calibration period (lifetimes' period_transactions; expected = Σ P(X(T) = k))")
        lines.append("repeats  actual customers  expected customers")
        for row in checks.repeatPurchases {
            lines.append(row.frequency.leftPadding(7) + String(row.customers).leftPadding(18) + NumberText.fixed(row.expected, 1).leftPadding(20))
        }
        return lines.joined(separator: "\n")
    }
}
