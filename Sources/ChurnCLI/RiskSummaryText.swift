import ArgumentParser
import ChurnKit
import Foundation

/// The summary and top-10 table `churn score` prints.
enum RiskSummaryText {
    static func render(_ list: RiskList, input: ScoringInput, selection: OutreachSelection, result: OutreachSelection.Result,
                       model: ChurnModel, seconds: Double, output: String?) -> String {
        var lines: [String] = []
        lines.append("model            \(list.modelID) (\(model.featureSpec.inputKind.rawValue), \(model.inputs.count) inputs)")
        if let asOf = input.asOf { lines.append("as of            \(asOf)" + (input.ingestion.map { ", \($0.rowsRead) rows read" } ?? "")) }
        lines.append("customers scored \(list.count)")
        let counts = list.bandCounts
        lines.append("risk bands       " + RiskBand.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: " · ") + " (\(list.bands.summary))")
        // One pass each: the whole list's value at risk, and the selection's (the same when everyone is selected).
        let total = list.totalValueAtRisk()
        let selectedValue = selection.selectsEveryone ? total : list.totalValueAtRisk(result.indices)
        if let total, let horizon = input.valueHorizonDays {
            lines.append("value at risk    \(NumberText.fixed(total, 2)) expected over \(NumberText.format(horizon)) days (Σ churn_probability × expected spend)")
        } else {
            let noAmounts = model.featureSpec.transactions.map { !$0.columns.hasAmounts } ?? false
            lines.append("value at risk    n/a (" + (noAmounts ? "the model's log has no amounts)" : "no value for this input; table models take --value-column)"))
        }
        if selection.selectsEveryone {
            lines.append("outreach         all \(list.count) customers (no --top, --min-probability or --budget)")
        } else {
            var text = "outreach         \(result.indices.count) selected"
            if let value = selectedValue { text += ", value at risk \(NumberText.fixed(value, 2))" }
            if let spent = result.spent, let gain = result.totalNetGain {
                text += ", contacts cost \(NumberText.fixed(spent, 2)), expected net gain \(NumberText.fixed(gain, 2))"
            }
            lines.append(text)
        }
        lines.append("time             \(NumberText.fixed(seconds, 3)) s")
        if let output { lines.append("wrote            \(output)") }
        lines.append("")
        lines.append(topTable(list, indices: Array(result.indices.prefix(10))))
        // The riskiest customers are often not the valuable ones: list those by money at risk too.
        if selectedValue != nil {
            let byValue = list.topByValueAtRisk(10, among: result.indices, missing: -.infinity)
            lines.append("")
            lines.append(topTable(list, indices: byValue, title: "Top \(byValue.count) by value at risk"))
        }
        return lines.joined(separator: "\n")
    }

    static func topTable(_ list: RiskList, indices: [Int], title: String? = nil) -> String {
        guard !indices.isEmpty else { return "No customer selected." }
        let idWidth = max(11, (indices.map { list.customerID(at: $0).count }.max() ?? 0)) + 2
        var lines = [title ?? "Top \(indices.count) at risk"]
        lines.append("rank".leftPadding(6) + "  " + "customer_id".padding(idWidth) + "churn_prob".leftPadding(10) + "  " + "band".padding(7)
                     + "value_at_risk".leftPadding(13) + "  reasons")
        for k in indices {
            let c = list.customer(at: k)
            lines.append(String(k + 1).leftPadding(6) + "  " + c.customerID.padding(idWidth) + NumberText.fixed(c.churnProbability, 4).leftPadding(10)
                         + "  " + list.band(at: k).rawValue.padding(7) + (c.valueAtRisk.map { NumberText.fixed($0, 2) } ?? "—").leftPadding(13)
                         + "  " + (c.reasons.isEmpty ? "—" : c.reasons.map(\.text).joined(separator: "; ")))
        }
        return lines.joined(separator: "\n")
    }
}
