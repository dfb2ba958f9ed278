import ChurnKit

/// `churn train --terms auto`: the candidates' cross-validation and the choice.
enum TermsSelectionText {
    static func render(_ outcome: TermsSelection.Outcome) -> String {
        let folds = outcome.candidates.first?.result.folds ?? 0
        var lines = ["terms chosen by \(folds)-fold cross-validation on the training rows (lowest out-of-fold log loss)"]
        for candidate in outcome.candidates {
            let metrics = candidate.result.outOfFold.metrics
            let name = candidate.kind.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
            lines.append("  \(name) roc_auc \(NumberText.fixed(metrics.rocAUC, 4))  log_loss \(NumberText.fixed(metrics.logLoss, 5))"
                         + (candidate.kind == outcome.chosen ? "  ← chosen" : ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
