import Foundation

/// The model section for a BG/NBD model (``BuyTillYouDieModel``): the fitted parameters with
/// their standard errors and what they mean, in a table (the fit has no per-input effects).
public struct BGNBDModelSection: ReportSection {
    /// The model explained.
    public var model: ChurnModel
    public var id: String { "model" }
    public var title: String { "The model" }

    /// The section for `model`.
    public init(model: ChurnModel) { self.model = model }

    public func render(into document: inout HTMLDocument) {
        guard let fit = model.bgnbd else { return }
        document.facts([
            ("model", "BG/NBD (Fader, Hardie and Lee 2005)\(fit.gammaGamma != nil ? " with Gamma-Gamma spend" : "")"),
            ("model id", model.modelID),
            ("customers", String(fit.customers)),
            ("distinct (x, tₓ, T) patterns", String(fit.patterns)),
            ("log-likelihood", NumberText.fixed(fit.logLikelihood, 4)),
            ("horizon", "\(fit.horizonDays) days"),
        ])
        document.paragraph("The churn probability is the model's probability of no purchase in the next \(fit.horizonDays) days: 1 − P(alive) + P(alive)·((α+T)/(α+T+t))^(r+x). Purchase rates are Gamma(r, α) across customers; after each repeat purchase a customer drops out with a probability that is Beta(a, b) across customers.")
        let p = fit.parameters, e = fit.standardErrors
        let se: (Double?) -> String = { $0.map { NumberText.fixed($0, 4) } ?? "—" }
        var rows: [[String]] = [
            ["r", NumberText.fixed(p.r, 4), se(e?.r), "shape of the purchase-rate distribution"],
            ["α", NumberText.fixed(p.alpha, 4), se(e?.alpha), "scale of the purchase-rate distribution (days): mean rate r/α"],
            ["a", NumberText.fixed(p.a, 4), se(e?.a), "dropout distribution"],
            ["b", NumberText.fixed(p.b, 4), se(e?.b), "dropout distribution: mean dropout probability a/(a+b)"],
        ]
        if let g = fit.gammaGamma {
            rows += [["p (Gamma-Gamma)", NumberText.fixed(g.p, 4), "—", "spend per transaction"],
                     ["q (Gamma-Gamma)", NumberText.fixed(g.q, 4), "—", "spread of mean spend across customers"],
                     ["v (Gamma-Gamma)", NumberText.fixed(g.v, 4), "—", "scale of mean spend"]]
        }
        document.table(HTMLTable(caption: "Fitted parameters (standard errors from the Hessian, as lifetimes' summary)",
                                 headers: ["parameter", "estimate", "std err", "meaning"], rows: rows))
    }
}
