import Foundation

/// A fitted BG/NBD model: parameters, their standard errors, the likelihood and how the solver did.
public struct BGNBDFit: Sendable {
    /// The maximum-likelihood parameters, time in days.
    public var parameters: BGNBDParameters
    /// As lifetimes' `summary` prints them: `sqrt(pᵢ² · [H⁻¹]ᵢᵢ / Σw)` with `H` the Hessian of
    /// the (penalized) mean negative log-likelihood in log parameters at the optimum (the delta
    /// method from log to natural parameters). nil when `H` is not positive definite.
    public var standardErrors: BGNBDParameters?
    /// `Σ wᵢ log Lᵢ` with time in days (lifetimes reports it per customer in its scaled time;
    /// see `BGNBDObjective.logLikelihood(_:)`).
    public var logLikelihood: Double
    /// lifetimes' `_negative_log_likelihood_`: the penalized mean in scaled time.
    public var objective: Double
    /// The L2 penalty on the parameters, lifetimes' `penalizer_coef` (0: plain maximum likelihood).
    public var penalizerCoef: Double
    /// Customers fitted (the total weight of the patterns).
    public var customers: Int
    /// Distinct `(x, tₓ, T)` patterns the likelihood was summed over.
    public var patterns: Int
    /// The solver's own account: iterations, convergence, objective history.
    public var optimization: OptimizationResult

    /// Lower and upper 95% bounds, `coef ± 1.96·se`, as lifetimes' summary.
    public var confidenceIntervals: (lower: BGNBDParameters, upper: BGNBDParameters)? {
        guard let se = standardErrors else { return nil }
        let p = parameters, z = 1.96
        return (BGNBDParameters(r: p.r - z * se.r, alpha: p.alpha - z * se.alpha, a: p.a - z * se.a, b: p.b - z * se.b),
                BGNBDParameters(r: p.r + z * se.r, alpha: p.alpha + z * se.alpha, a: p.a + z * se.a, b: p.b + z * se.b))
    }
}
