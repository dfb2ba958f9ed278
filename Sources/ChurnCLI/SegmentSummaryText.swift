import ArgumentParser
import ChurnKit
import Foundation

enum SegmentSummaryText {
    static func render(_ rows: [RFMSegments.Summary], asOf: CalendarDay, seconds: Double, output: String?) -> String {
        let withProbability = rows.contains { $0.meanChurnProbability != nil }
        var lines = ["RFM segments as of \(asOf), \(rows.reduce(0) { $0 + $1.customers }) customers", ""]
        lines.append("segment".padding(20) + "customers".leftPadding(10) + "share".leftPadding(8) + "revenue".leftPadding(14)
                     + (withProbability ? "mean_churn_probability".leftPadding(24) : ""))
        for row in rows {
            lines.append(row.segment.rawValue.padding(20) + String(row.customers).leftPadding(10)
                         + (NumberText.fixed(100 * row.share, 1) + "%").leftPadding(8) + NumberText.fixed(row.revenue, 2).leftPadding(14)
                         + (withProbability ? (row.meanChurnProbability.map { NumberText.fixed($0, 4) } ?? "—").leftPadding(24) : ""))
        }
        lines.append("")
        lines.append("time \(NumberText.fixed(seconds, 3)) s")
        if let output { lines.append("wrote \(output)") }
        return lines.joined(separator: "\n")
    }
}
