import ArgumentParser
import ChurnKit
import Foundation

/// The coefficient table (statsmodels-style) and training report `churn train` prints.
enum ModelSummaryText {
    static func render(_ model: ChurnModel) -> String {
        let report = model.trainingReport
        var lines: [String] = []
        let data = model.trainingData
        lines.append("Logistic regression on \(data.file): \(data.rows) rows, \(data.positives) churned (\(NumberText.fixed(100 * Double(data.positives) / Double(max(data.rows, 1)), 2))%)")
        let h = model.hyperParameters
        lines.append("C = \(NumberText.format(h.C)), l1_ratio = \(NumberText.format(h.l1Ratio)), class_weight = \(h.classWeight.rawValue), standardized inputs: \(h.standardize ? "yes" : "no")")
        lines.append("")
        if let terms = model.terms { return (lines + AdditiveSummaryText.render(model, terms)).joined(separator: "\n") }
        let width = max(16, (model.coefficients.map(\.input.count) + [9]).max()! + 2)
        lines.append("input".padding(width) + "coef".leftPadding(11) + "std err".leftPadding(11) + "z".leftPadding(9) + "P>|z|".leftPadding(10)
                     + "[0.025".leftPadding(11) + "0.975]".leftPadding(11) + "coef (orig)".leftPadding(14))
        lines.append(String(repeating: "-", count: width + 77))
        func row(_ name: String, _ coef: Double, _ se: Double?, _ z: Double?, _ p: Double?, _ lo: Double?, _ hi: Double?, _ original: Double) -> String {
            let optional: (Double?, Int, Int) -> String = { value, decimals, pad in (value.map { NumberText.fixed($0, decimals) } ?? "—").leftPadding(pad) }
            return name.padding(width) + NumberText.fixed(coef, 4).leftPadding(11) + optional(se, 4, 11) + optional(z, 2, 9)
                + optional(p, 3, 10) + optional(lo, 4, 11) + optional(hi, 4, 11) + format(original).leftPadding(14)
        }
        for c in model.coefficients {
            lines.append(row(c.input, c.standardized, c.standardError, c.zValue, c.pValue, c.lower95, c.upper95, c.original))
        }
        if h.fitIntercept {
            let b = model.intercept
            lines.append(row("intercept", b.standardized, b.standardError, b.zValue, b.pValue, b.lower95, b.upper95, b.original))
        }
        lines.append("")
        lines.append("coef: standardized scale (per std of the input); coef (orig): per unit of the input.")
        if h.C < 1e6 && h.l1Ratio == 0 { lines.append("Standard errors include the L2 penalty, so they are approximate (exact as C → ∞).") }
        if h.l1Ratio > 0 { lines.append("No standard errors with an L1 penalty.") }
        lines.append("")
        lines.append("solver            \(report.solver.rawValue) (\(report.stoppingRule))")
        lines.append("converged         \(report.converged ? "yes" : "NO") after \(report.iterations) iterations: \(report.message)")
        lines.append("objective         \(report.objective)")
        lines.append("max |gradient|    \(report.gradientMaxNorm)")
        lines.append("history           \(report.objectiveHistory.prefix(8).map { NumberText.fixed($0, 4) }.joined(separator: " → "))\(report.objectiveHistory.count > 8 ? " → …" : "")")
        lines.append("wall time         \(NumberText.fixed(report.seconds, 3)) s")
        for finding in report.diagnostics { lines.append("warning: \(finding)") }
        return lines.joined(separator: "\n")
    }

    /// Four significant-ish digits for original-scale coefficients of any magnitude.
    static func format(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5) {
            return String(format: "%.3e", value)
        }
        return NumberText.fixed(value, 5)
    }
}
