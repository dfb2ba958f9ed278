import Foundation

/// A fitted Gamma-Gamma spend model.
public struct GammaGammaFit: Sendable {
    public var parameters: GammaGammaParameters
    /// lifetimes' summary: `sqrt(pᵢ² · [H⁻¹]ᵢᵢ / Σw)`, `H` the Hessian of the penalized mean
    /// negative log-likelihood in log parameters; nil when it is not positive definite.
    public var standardErrors: GammaGammaParameters?
    public var logLikelihood: Double
    /// lifetimes' `_negative_log_likelihood_` (penalized mean).
    public var objective: Double
    public var penalizerCoef: Double
    public var customers: Int
    public var optimization: OptimizationResult
}
