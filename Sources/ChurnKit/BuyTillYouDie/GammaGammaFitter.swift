import Foundation

/// Fits the Gamma-Gamma model by maximum likelihood (L-BFGS on `GammaGammaObjective`).
public struct GammaGammaFitter: Sendable {
    /// lifetimes' `penalizer_coef`: `c·(p² + q² + v²)`.
    public var penalizerCoef: Double
    /// Stopping tolerance of the L-BFGS fit.
    public var tolerance: Double
    /// Iteration limit of the L-BFGS fit.
    public var maxIterations: Int

    /// A fitter with lifetimes' defaults.
    public init(penalizerCoef: Double = 0, tolerance: Double = 1e-10, maxIterations: Int = 2000) {
        self.penalizerCoef = penalizerCoef
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    /// Fits on the customers with `frequency > 0` and `monetaryValue > 0` (the others carry no
    /// spend information: lifetimes asks its users to filter them out the same way).
    public func fit(frequency: [Double], monetaryValue: [Double], weights: [Double]? = nil) throws -> GammaGammaFit {
        guard monetaryValue.count == frequency.count else {
            throw BuyTillYouDieError.lengthMismatch("frequency has \(frequency.count) rows, monetary_value \(monetaryValue.count)")
        }
        guard penalizerCoef >= 0, penalizerCoef.isFinite else {
            throw BuyTillYouDieError.invalidSetting("penalizer_coef must be a finite number ≥ 0, got \(penalizerCoef)")
        }
        let rows = frequency.indices.filter { frequency[$0] > 0 && monetaryValue[$0] > 0 && monetaryValue[$0].isFinite }
        let objective = try GammaGammaObjective(frequency: rows.map { frequency[$0] }, monetaryValue: rows.map { monetaryValue[$0] },
                                                weights: weights.map { w in rows.map { w[$0] } }, penalizerCoef: penalizerCoef)
        let started = MonotonicClock.seconds()
        var result = Solver.lbfgs.trainer.minimize(objective, from: [0.1, 0.1, 0.1],
                                                   settings: SolverSettings(maxIterations: maxIterations, tolerance: tolerance))
        result.seconds = MonotonicClock.seconds() - started
        let theta = result.parameters
        let parameters = GammaGammaParameters(p: exp(theta[0]), q: exp(theta[1]), v: exp(theta[2]))
        var gradient = [Double](repeating: 0, count: 3), hessian = [Double](repeating: 0, count: 9)
        _ = objective.valueGradientHessian(at: theta, gradient: &gradient, hessian: &hessian)
        var standardErrors: GammaGammaParameters? = nil
        if hessian.allSatisfy(\.isFinite), hessian.withUnsafeMutableBufferPointer({ BLAS.invertSymmetricPositiveDefinite(n: 3, $0.baseAddress!) }) {
            let p = [parameters.p, parameters.q, parameters.v]
            let se = (0..<3).map { i in (p[i] * p[i] * hessian[i * 3 + i] / objective.totalWeight).squareRoot() }
            standardErrors = GammaGammaParameters(p: se[0], q: se[1], v: se[2])
        }
        return GammaGammaFit(parameters: parameters, standardErrors: standardErrors, logLikelihood: objective.logLikelihood(parameters),
                             objective: result.objective, penalizerCoef: penalizerCoef, customers: rows.count, optimization: result)
    }
}
