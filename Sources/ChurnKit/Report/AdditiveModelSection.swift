import Foundation

/// The model section for an additive model (``AdditiveModel``): its terms ranked by importance
/// and the learned shape of the most important ones, each a bar per bin.
///
/// Importance is a term's mean |contribution| to the logit over the training rows, as `churn
/// explain` ranks them; a shape's bars are the contribution of each bin (or cell of a pair) with
/// the training rows it holds, so a reader sees where a shape is data and where it is penalty.
public struct AdditiveModelSection: ReportSection {
    /// The model explained.
    public var model: ChurnModel
    public var id: String { "model" }
    public var title: String { "The model" }
    /// How many terms get their own shape chart.
    public var shapesShown = 4

    /// The section for `model`.
    public init(model: ChurnModel) { self.model = model }

    public func render(into document: inout HTMLDocument) {
        guard let additive = model.terms else { return }
        let data = model.trainingData, s = additive.settings
        let pairs = additive.terms.filter(\.isInteraction).count
        document.facts([
            ("model", "additive logistic regression (\(additive.kind.rawValue): a learned shape per input\(pairs > 0 ? " and \(pairs) pairwise surfaces" : ""))"),
            ("model id", model.modelID),
            ("terms", "\(additive.terms.count) (\(pairs) pairs)"),
            ("training rows", String(data.rows)),
            ("churned in training", "\(data.positives) (\(NumberText.fixed(100 * Double(data.positives) / Double(max(data.rows, 1)), 1))%)"),
            ("bins · roughness · C", "\(s.maxBins) · \(NumberText.format(s.roughness)) · \(NumberText.format(s.C))"),
        ])
        document.paragraph("The churn log-odds are the intercept (\(NumberText.fixed(additive.intercept, 4))) plus one learned contribution per input (and per selected pair of inputs); each customer's reasons are the largest of these contributions. Shapes are smoothed by a penalty on second differences between neighbouring bins; bins, penalty and pairs were chosen by cross-validation on the training rows.")

        document.heading("Terms and importance")
        let ranked = additive.rankedTerms
        let shown = Array(ranked.prefix(20))
        let importance = shown.map { additive.terms[$0].meanAbsoluteContribution }
        let total = additive.terms.reduce(0) { $0 + $1.meanAbsoluteContribution }
        let chart = SVGChart(
            id: "term-importance", title: "What drives churn risk (mean |contribution| per term)",
            description: "Each bar is one term of the additive model: the mean absolute change it makes to the log-odds of churn over the training customers, largest first (at most 20 terms).",
            xLabel: "mean |contribution| to the log-odds of churn", yLabel: "",
            content: .signedBars(categories: shown.map { additive.terms[$0].name }, values: importance,
                                 positive: "mean |contribution|", negative: "—"))
        document.figure(chart, table: HTMLTable(caption: "Terms ranked by mean |contribution| over the training rows",
                                                headers: ["rank", "term", "mean |contribution|", "share"],
                                                rows: shown.enumerated().map { k, t in
                                                    [String(k + 1), additive.terms[t].name, NumberText.fixed(importance[k], 4),
                                                     NumberText.fixed(total > 0 ? 100 * importance[k] / total : 0, 1) + "%"]
                                                }))

        document.heading("Learned shapes")
        document.beginGrid()
        for t in ranked.prefix(shapesShown) {
            let term = additive.terms[t]
            let cells = (0..<term.cellCount).filter { !(term.rows[$0] == 0 && term.bins(ofCell: $0).contains(0)) }
            let shape = SVGChart(
                id: "shape-\(t)", title: "Shape of \(term.name)",
                description: "The contribution of \(term.name) to the log-odds of churn in each of its \(cells.count) bins\(term.isInteraction ? " (cells of the pair)" : ""), in the order of the bins. Bars to the right raise the churn risk, to the left lower it.",
                xLabel: "contribution to the log-odds of churn", yLabel: "",
                content: .signedBars(categories: cells.map { term.cellText($0) }, values: cells.map { term.contributions[$0] },
                                     positive: "raises churn risk", negative: "lowers churn risk"))
            document.figure(shape, table: HTMLTable(caption: "\(term.name): contribution and training rows per bin",
                                                    headers: ["bin", "contribution", "training rows"],
                                                    rows: cells.map { [term.cellText($0), NumberText.fixed(term.contributions[$0], 4), NumberText.format(term.rows[$0])] }))
        }
        document.endGrid()
    }
}
