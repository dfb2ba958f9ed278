/// The Gamma-Gamma spend model's parameters (Fader, Hardie and Lee 2005, note 025; Colombo and
/// Jiang 1999): each purchase's value is Gamma(p, ν) with the customer's `ν ~ Gamma(q, v)`, so a
/// customer's mean spend per purchase is `p/ν` and the population mean is `p·v/(q − 1)`.
public struct GammaGammaParameters: Codable, Sendable, Equatable {
    /// Shape of the gamma distribution of a customer's spend per transaction.
    public var p: Double
    /// Shape of the gamma distribution of that distribution's rate across customers.
    public var q: Double
    /// Scale of the gamma distribution of the rate across customers.
    public var v: Double

    /// Parameters as lifetimes names them.
    public init(p: Double, q: Double, v: Double) {
        self.p = p
        self.q = q
        self.v = v
    }

    /// Whether every parameter is finite and positive, as the model needs.
    public var isValid: Bool { [p, q, v].allSatisfy { $0.isFinite && $0 > 0 } }

    /// `E[spend per purchase]` over the population, `p·v/(q − 1)`; infinite or negative (no
    /// mean) when `q ≤ 1`.
    public var populationMeanSpend: Double { v * p / (q - 1) }

    /// `E[M | x, m̄]`, equation (5) of note 025 — lifetimes'
    /// `conditional_expected_average_profit`: a weighted average of the customer's own mean
    /// spend `m̄` over `x` repeat purchases and the population mean, the customer's weight being
    /// `p·x/(p·x + q − 1)`. A customer without repeat purchases gets the population mean.
    public func expectedAverageSpend(frequency x: Double, monetaryValue m: Double) -> Double {
        let individual = p * x / (p * x + q - 1)
        return (1 - individual) * populationMeanSpend + individual * m
    }
}
