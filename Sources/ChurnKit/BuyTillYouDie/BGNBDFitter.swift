import Foundation

/// Fits the BG/NBD model by maximum likelihood with the project's L-BFGS on
/// `BGNBDObjective` (log parameters, analytic gradient, customers compressed into patterns).
/// From 65,536 patterns on, L-BFGS runs on a systematic sample of the patterns first and Newton
/// (analytic Hessian) finishes on all of them: the same stopping rule, so the same optimum, in a
/// few full passes.
public struct BGNBDFitter: Sendable {
    /// lifetimes' `penalizer_coef`: `c·Σ p²` on the parameters in scaled time (see `BGNBDObjective`).
    public var penalizerCoef: Double
    /// Stop when max |∂F/∂θ| ≤ tolerance (F is a mean per customer, so this does not depend on n).
    public var tolerance: Double
    /// Iteration limit of each solver run (L-BFGS; on large data also the Newton finish).
    public var maxIterations: Int
    /// Start, natural parameters with α in scaled time units; nil: lifetimes' `exp(0.1)` for all four.
    public var start: [Double]?

    /// A fitter with lifetimes' defaults; `start` gives log parameters to start from (default: log 1 each).
    public init(penalizerCoef: Double = 0, tolerance: Double = 1e-10, maxIterations: Int = 2000, start: [Double]? = nil) {
        self.penalizerCoef = penalizerCoef
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.start = start
    }

    /// lifetimes' start, `log(exp(0.1)) = 0.1` for each log parameter.
    static let defaultStart = [Double](repeating: 0.1, count: 4)
    /// Patterns from which the fit starts from a fit on a sample of them.
    static let sampledStartThreshold = 1 << 16
    /// The sample: every `sampleStride`-th pattern of the (x, tₓ, T)-sorted list, with its weight.
    static let sampleStride = 16

    /// Fits per-customer columns (frequency, recency, age `T`, in days); `weights` repeat customers.
    public func fit(frequency: [Double], recency: [Double], T: [Double], weights: [Double]? = nil) throws -> BGNBDFit {
        try fit(PurchasePatterns(frequency: frequency, recency: recency, T: T, weights: weights))
    }

    /// Fits customers already grouped into patterns (the fast path for many customers).
    public func fit(_ patterns: PurchasePatterns) throws -> BGNBDFit {
        guard penalizerCoef >= 0, penalizerCoef.isFinite else {
            throw BuyTillYouDieError.invalidSetting("penalizer_coef must be a finite number ≥ 0, got \(penalizerCoef)")
        }
        guard patterns.totalWeight > 0 else { throw BuyTillYouDieError.noData("the customers' weights sum to 0") }
        let objective = BGNBDObjective(patterns: patterns, penalizerCoef: penalizerCoef)
        let started = MonotonicClock.seconds()
        let settings = SolverSettings(maxIterations: maxIterations, tolerance: tolerance, historySize: 10)
        var result: OptimizationResult
        if let start {
            result = Solver.lbfgs.trainer.minimize(objective, from: start.map { Foundation.log($0) }, settings: settings)
        } else if patterns.patternCount >= Self.sampledStartThreshold {
            result = fitFromSample(objective, settings: settings)
        } else {
            result = Solver.lbfgs.trainer.minimize(objective, from: Self.defaultStart, settings: settings)
        }
        result.seconds = MonotonicClock.seconds() - started
        let parameters = objective.parameters(result.parameters)
        var gradient = [Double](repeating: 0, count: 4), hessian = [Double](repeating: 0, count: 16)
        _ = objective.valueGradientHessian(at: result.parameters, gradient: &gradient, hessian: &hessian)
        var standardErrors: BGNBDParameters? = nil
        if hessian.allSatisfy(\.isFinite), hessian.withUnsafeMutableBufferPointer({ BLAS.invertSymmetricPositiveDefinite(n: 4, $0.baseAddress!) }) {
            let p = [parameters.r, parameters.alpha, parameters.a, parameters.b]
            let se = (0..<4).map { i in (p[i] * p[i] * hessian[i * 4 + i] / patterns.totalWeight).squareRoot() }
            standardErrors = BGNBDParameters(r: se[0], alpha: se[1], a: se[2], b: se[3])
        }
        return BGNBDFit(parameters: parameters, standardErrors: standardErrors, logLikelihood: objective.logLikelihood(parameters),
                        objective: result.objective, penalizerCoef: penalizerCoef, customers: patterns.customerCount,
                        patterns: patterns.patternCount, optimization: result)
    }

    /// Large data: L-BFGS from lifetimes' start on a systematic sample of the patterns (every
    /// 16th, so ~1/16 of the cost per pass) to a loose tolerance, then Newton on all patterns
    /// from there. The sample's optimum is within sampling noise of the full one, where Newton
    /// converges quadratically: a few full passes instead of ~30. The full fit's stopping rule
    /// (max |∂F/∂θ| ≤ tolerance) is unchanged, so the optimum is the same; should Newton fail
    /// (a Hessian that is not positive definite far from the optimum), L-BFGS finishes from
    /// where it stopped.
    func fitFromSample(_ objective: BGNBDObjective, settings: SolverSettings) -> OptimizationResult {
        let sample = BGNBDObjective(patterns: objective.patterns.systematicSample(every: Self.sampleStride),
                                    penalizerCoef: objective.penalizerCoef)
        var loose = settings
        loose.tolerance = max(settings.tolerance, 1e-6)
        let first = Solver.lbfgs.trainer.minimize(sample, from: Self.defaultStart, settings: loose)
        let warm = first.parameters.allSatisfy(\.isFinite) ? objective.theta(sample.parameters(first.parameters)) : Self.defaultStart
        var result = Solver.newton.trainer.minimize(objective, from: warm, settings: settings)
        if !result.converged {
            let from = result.parameters.allSatisfy(\.isFinite) ? result.parameters : warm
            let rest = Solver.lbfgs.trainer.minimize(objective, from: from, settings: settings)
            result = OptimizationResult(solver: .lbfgs, parameters: rest.parameters, objective: rest.objective,
                                        gradientMaxNorm: rest.gradientMaxNorm, iterations: result.iterations + rest.iterations,
                                        converged: rest.converged, objectiveHistory: result.objectiveHistory + rest.objectiveHistory,
                                        message: "Newton stopped (\(result.message)); L-BFGS: \(rest.message)")
        }
        result.message += " (started from a fit on \(sample.patterns.patternCount) sampled patterns, \(first.iterations) L-BFGS iterations)"
        return result
    }
}
