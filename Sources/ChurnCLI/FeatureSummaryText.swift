import ArgumentParser
import ChurnKit

/// The short summary `churn features` prints.
enum FeatureSummaryText {
    static func render(_ result: TransactionFeatureResult, output: String?) -> String {
        let table = result.table
        var lines: [String] = []
        lines.append("customers        \(table.rowCount)")
        lines.append("rows read        \(result.ingestion.rowsRead)" + (result.ingestion.rowsSkipped > 0 ? " (\(result.ingestion.rowsSkipped) bad rows skipped)" : ""))
        if let first = result.ingestion.firstDay, let last = result.ingestion.lastDay { lines.append("log dates        \(first) … \(last)") }
        lines.append("cut-off          \(result.window.cutoff)" + (result.window.holdoutEnd.map { ", holdout to \($0) (\(result.window.horizonDays!) days)" } ?? ""))
        if let rate = result.churnRate, let labels = table.labels {
            lines.append("churned          \(Int(labels.reduce(0, +))) (churn rate \(NumberText.fixed(rate, 10)))")
        }
        lines.append("one-time buyers  \(result.oneTimeBuyers) (\(NumberText.fixed(100 * Double(result.oneTimeBuyers) / Double(max(table.rowCount, 1)), 1))%)")
        for name in TransactionFeature.lifetimesColumns.map(\.name) {
            if let column = table.column(name) { lines.append("sum \(name.padding(16))\(NumberText.fixed(column.reduce(0, +), 3))") }
        }
        lines.append("time             \(NumberText.fixed(result.ingestion.seconds, 3)) s" + (result.passes > 1 ? " (2 passes: rows out of date order)" : ""))
        if let output { lines.append("wrote            \(output)") }
        return lines.joined(separator: "\n")
    }
}
