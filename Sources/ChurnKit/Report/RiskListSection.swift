/// Who is at risk now: band sizes, value at risk by band and by decile, and the top accounts by
/// churn probability and by value at risk, each with the reasons behind its score.
public struct RiskListSection: ReportSection {
    /// The ranked customers, their bands and values at risk.
    public var list: RiskList
    /// What was scored, in words (file, as-of date).
    public var scope: String
    /// The days of future spend the value at risk covers; nil when there is no value.
    public var valueHorizonDays: Double?
    /// Sentences a reader must see before trusting the scores (extrapolation, unseen levels).
    public var warnings: [String]
    /// How many of the top accounts the table lists.
    public var topCount: Int
    public var id: String { "risk" }
    public var title: String { "Risk list" }

    /// The section; `warnings` (extrapolation, unseen levels) are shown above the list.
    public init(list: RiskList, scope: String, valueHorizonDays: Double?, warnings: [String], topCount: Int = 15) {
        self.list = list
        self.scope = scope
        self.valueHorizonDays = valueHorizonDays
        self.warnings = warnings
        self.topCount = topCount
    }

    static func money(_ value: Double?) -> String { value.map { NumberText.fixed($0, 2) } ?? "—" }

    public func render(into document: inout HTMLDocument) {
        let counts = list.bandCounts
        let total = list.totalValueAtRisk()
        summary(into: &document, counts: counts, total: total)
        charts(into: &document, counts: counts, showsValue: total != nil)
        topAccounts(into: &document, showsValue: total != nil)
    }

    /// Scope, band counts, the total value at risk and the warnings.
    private func summary(into document: inout HTMLDocument, counts: [RiskBand: Int], total: Double?) {
        document.paragraph(scope)
        var facts: [(String, String)] = [("customers scored", String(list.count))]
        for band in RiskBand.allCases { facts.append(("\(band.rawValue) risk", String(counts[band] ?? 0))) }
        if let total, let horizon = valueHorizonDays { facts.append(("value at risk, \(NumberText.format(horizon)) days", NumberText.fixed(total, 0))) }
        document.facts(facts)
        document.paragraph("Bands: \(list.bands.summary). Value at risk = churn probability × the spend expected over the horizon if the customer stays.", className: "note")
        for warning in warnings { document.paragraph("warning: \(warning)", className: "warning") }
    }

    /// Customers and value at risk per band and per decile.
    private func charts(into document: inout HTMLDocument, counts: [RiskBand: Int], showsValue: Bool) {
        var bandValue: [RiskBand: Double] = [:], bandProbability: [RiskBand: Double] = [:]
        var decileValue = [Double](repeating: 0, count: 10), decileExpected = [Double](repeating: 0, count: 10), decileCount = [Int](repeating: 0, count: 10)
        for k in 0..<list.count {
            let band = list.band(at: k), d = list.decile(at: k) - 1
            bandValue[band, default: 0] += list.valueAtRisk(at: k) ?? 0
            bandProbability[band, default: 0] += list.churnProbability(at: k)
            decileValue[d] += list.valueAtRisk(at: k) ?? 0
            decileExpected[d] += list.churnProbability(at: k)
            decileCount[d] += 1
        }
        let bands = RiskBand.allCases
        document.beginGrid()
        document.figure(SVGChart(
            id: "bands", title: "Customers per risk band",
            description: "How many customers fall in each band (\(list.bands.summary)).",
            xLabel: "risk band", yLabel: "customers",
            content: .bars(categories: bands.map(\.rawValue), series: [.init(name: "customers", values: bands.map { Double(counts[$0] ?? 0) })])),
            table: HTMLTable(caption: "Customers per band", headers: ["band", "customers", "expected churners (Σ probability)"],
                             rows: bands.map { [$0.rawValue, String(counts[$0] ?? 0), NumberText.fixed(bandProbability[$0] ?? 0, 1)] }))
        if showsValue {
            document.figure(SVGChart(
                id: "value-by-band", title: "Value at risk per band",
                description: "The spend each band is expected to take away by churning: the sum of churn probability × expected spend of its customers.",
                xLabel: "risk band", yLabel: "value at risk",
                content: .bars(categories: bands.map(\.rawValue), series: [.init(name: "value at risk", values: bands.map { bandValue[$0] ?? 0 })])),
                table: HTMLTable(caption: "Value at risk per band", headers: ["band", "customers", "value at risk"],
                                 rows: bands.map { [$0.rawValue, String(counts[$0] ?? 0), NumberText.fixed(bandValue[$0] ?? 0, 2)] }))
            document.figure(SVGChart(
                id: "value-by-decile", title: "Value at risk by risk decile",
                description: "The value at risk of each tenth of the customers ranked by churn probability (1 = riskiest). High-probability customers are not always the valuable ones: compare with the top accounts by value below.",
                xLabel: "risk decile (1 = highest probability)", yLabel: "value at risk",
                content: .bars(categories: (1...10).map(String.init), series: [.init(name: "value at risk", values: decileValue)])),
                table: HTMLTable(caption: "Value at risk by decile", headers: ["decile", "customers", "expected churners", "value at risk"],
                                 rows: (0..<10).map { [String($0 + 1), String(decileCount[$0]), NumberText.fixed(decileExpected[$0], 1), NumberText.fixed(decileValue[$0], 2)] }))
        } else {
            document.figure(SVGChart(
                id: "expected-by-decile", title: "Expected churners by risk decile",
                description: "The number of customers expected to churn (sum of churn probabilities) in each tenth of the customers ranked by risk (1 = riskiest). There is no value at risk for this input (table models take a value column, valueColumn).",
                xLabel: "risk decile (1 = highest probability)", yLabel: "expected churners",
                content: .bars(categories: (1...10).map(String.init), series: [.init(name: "expected churners", values: decileExpected)])),
                table: HTMLTable(caption: "Expected churners by decile", headers: ["decile", "customers", "expected churners"],
                                 rows: (0..<10).map { [String($0 + 1), String(decileCount[$0]), NumberText.fixed(decileExpected[$0], 1)] }))
        }
        document.endGrid()
    }

    /// The top accounts by probability and, with values, by value at risk.
    private func topAccounts(into document: inout HTMLDocument, showsValue: Bool) {
        let byProbability = Array((0..<list.count).prefix(topCount))
        document.heading("Top \(byProbability.count) accounts by churn probability")
        document.table(topTable(byProbability, caption: "Highest churn probability first, with the inputs pushing each score up"))
        if showsValue {
            let byValue = list.topByValueAtRisk(topCount, missing: 0)
            document.heading("Top \(byValue.count) accounts by value at risk")
            document.table(topTable(Array(byValue), caption: "Highest churn probability × expected spend first"))
        }
    }

    func topTable(_ indices: [Int], caption: String) -> HTMLTable {
        HTMLTable(caption: caption, headers: ["risk rank", "customer_id", "churn probability", "band", "value at risk", "reasons"],
                  rows: indices.map { k in
                      let c = list.customer(at: k)
                      return [String(k + 1), c.customerID, NumberText.fixed(c.churnProbability, 4), list.band(at: k).rawValue,
                              Self.money(c.valueAtRisk), c.reasons.isEmpty ? "—" : c.reasons.map(\.text).joined(separator: "; ")]
                  }, numericColumns: [0, 2, 4])
    }
}
