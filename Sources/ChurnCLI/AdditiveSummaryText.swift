import ChurnKit

/// What `churn train` prints for an additive model: the chosen hyper-parameters, the inner
/// cross-validation, the terms ranked by importance and the training report.
enum AdditiveSummaryText {
    static func render(_ model: ChurnModel, _ terms: AdditiveModel) -> [String] {
        let s = terms.settings
        var lines = s.fitting == .cyclicBoosting
            ? ["\(terms.kind.rawValue) (cyclic boosting): \(terms.terms.count - s.pairs) shapes and \(s.pairs) pairs; max \(s.maxBins) bins, pair grids ≤ \(s.pairBins)×\(s.pairBins)"]
            : ["\(terms.kind.rawValue): \(terms.terms.count - s.pairs) shapes and \(s.pairs) pairs; max \(s.maxBins) bins, roughness \(NumberText.format(s.roughness))\(s.roughnessPerTerm == true ? " (start of each term's own λ)" : ""), ridge \(NumberText.format(s.ridge)), pair grids ≤ \(s.pairBins)×\(s.pairBins) with ridge \(NumberText.format(s.pairRidge))"
               + (s.pairBins == 8 ? "" : " per 8×8 (\(NumberText.format(AdditiveSettings.pairCellRidge(pairRidge: s.pairRidge, pairBins: s.pairBins))) a cell)")]
        if let selection = terms.selection {
            lines.append("inner \(selection.count)-candidate cross-validation on the training rows (mean validation log loss):")
            let route = s.fitting ?? .penalizedNewton
            for c in selection {
                let boosted = c.fitting == .cyclicBoosting
                let chosen = (c.fitting ?? .penalizedNewton) == route
                    && (boosted || (c.maxBins == s.maxBins && c.roughness == s.roughness && c.pairs == s.pairs && (c.pairRidge ?? s.pairRidge) == s.pairRidge
                                    && (c.pairBins ?? s.pairBins) == s.pairBins
                                    && (c.roughnessPerTerm ?? false) == (s.roughnessPerTerm ?? false)))
                if boosted {
                    lines.append("  cyclic boosting (\(c.maxBins) bins, \(c.pairs) pairs)\(String(repeating: " ", count: 22)) log loss \(NumberText.fixed(c.logLoss, 5))  auc \(NumberText.fixed(c.rocAUC, 4))\(chosen ? "  ← chosen" : "")")
                    continue
                }
                lines.append("  bins \(String(c.maxBins).padding(4)) roughness \((NumberText.format(c.roughness) + (c.roughnessPerTerm == true ? "/term" : "")).padding(12)) pairs \(String(c.pairs).padding(3))\(c.pairRidge.map { " pair ridge \(NumberText.format($0).padding(3))" } ?? "               ")\(c.pairBins.map { " grid \(String($0).padding(3))" } ?? "         ") log loss \(NumberText.fixed(c.logLoss, 5))  auc \(NumberText.fixed(c.rocAUC, 4))\(chosen ? "  ← chosen" : "")")
            }
        }
        lines.append("")
        lines += terms.explanationText().split(separator: "\n", omittingEmptySubsequences: false).prefix(terms.terms.count + 3).map(String.init)
        lines.append("(every shape: churn explain --model FILE)")
        let report = model.trainingReport
        lines.append("")
        let solver = s.fitting == .cyclicBoosting ? "cyclic boosting" : report.solver.rawValue
        lines.append("solver            \(solver) (\(report.stoppingRule))")
        lines.append("converged         \(report.converged ? "yes" : "NO") after \(report.iterations) iterations: \(report.message)")
        lines.append("objective         \(report.objective)")
        lines.append("wall time         \(NumberText.fixed(report.seconds, 3)) s")
        for finding in report.diagnostics { lines.append("warning: \(finding)") }
        return lines
    }
}
