import ArgumentParser
import ChurnKit
import Foundation

/// Human-readable metric, gains and calibration tables.
enum EvaluationText {
    static func render(_ report: EvaluationReport) -> String {
        var lines: [String] = []
        let m = report.metrics
        for (name, value) in m.namedValues { lines.append("\(name.padding(20))\(NumberText.fixed(value, 4))") }
        for warning in m.warnings { lines.append("warning: \(warning)") }
        lines.append("")
        lines.append("Gains by decile (1 = highest risk)")
        lines.append("decile  customers  churners  churn rate  capture  cum capture   lift  cum lift")
        for row in report.gains.rows {
            lines.append(String(row.decile).leftPadding(6) + NumberText.format(row.customers).leftPadding(11) + NumberText.format(row.churners).leftPadding(10)
                         + NumberText.fixed(row.churnRate, 3).leftPadding(12) + NumberText.fixed(row.captureRate, 3).leftPadding(9)
                         + NumberText.fixed(row.cumulativeCapture, 3).leftPadding(13) + NumberText.fixed(row.lift, 2).leftPadding(7)
                         + NumberText.fixed(row.cumulativeLift, 2).leftPadding(10))
        }
        lines.append("")
        lines.append("Calibration (\(report.calibration.strategy.rawValue) bins), expected calibration error \(NumberText.fixed(report.calibration.expectedCalibrationError, 4))")
        lines.append("bin            rows  mean predicted  observed rate")
        for bin in report.calibration.bins where bin.count > 0 {
            lines.append("[\(NumberText.fixed(bin.lower, 2)), \(NumberText.fixed(bin.upper, 2))]".padding(13) + String(bin.count).leftPadding(6)
                         + NumberText.fixed(bin.meanPredicted, 4).leftPadding(16) + NumberText.fixed(bin.observedRate, 4).leftPadding(15))
        }
        return lines.joined(separator: "\n")
    }

    static func render(_ search: HyperParameterSearch) -> String {
        var lines = ["Search by cross-validated \(search.criterion.rawValue):", "C           l1_ratio  roc_auc  log_loss"]
        for candidate in search.candidates {
            let mark = candidate.C == search.best.C && candidate.l1Ratio == search.best.l1Ratio ? "  ← best" : ""
            lines.append(NumberText.format(candidate.C).padding(12) + NumberText.format(candidate.l1Ratio).padding(10)
                         + NumberText.fixed(candidate.rocAUC, 4).padding(9) + NumberText.fixed(candidate.logLoss, 5) + mark)
        }
        return lines.joined(separator: "\n")
    }
}
