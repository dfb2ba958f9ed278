import Foundation

/// A fitted Gamma-Gamma spend model.
public struct GammaGammaFit: Sendable {
    /// The maximum-likelihood parameters.
    public var parameters: GammaGammaParameters
    /// lifetimes' summary: `sqrt(pᵢ² · [H⁻¹]ᵢᵢ / Σw)`, `H` the Hessian of the penalized mean
    /// negative log-likelihood in log parameters; nil when it is not positive definite.
    public var standardErrors: GammaGammaParameters?
    /// `Σ log Lᵢ` over the repeat customers at the optimum.
    public var logLikelihood: Double
    /// lifetimes' `_negative_log_likelihood_` (penalized mean).
    public var objective: Double
    /// The L2 penalty on the parameters, lifetimes' `penalizer_coef`.
    public var penalizerCoef: Double
    /// Customers fitted (repeat customers only: the model needs a mean spend).
    public var customers: Int
    /// The solver's own account: iterations, convergence, objective history.
    public var optimization: OptimizationResult
}
