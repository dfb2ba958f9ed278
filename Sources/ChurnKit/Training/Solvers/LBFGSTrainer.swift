/// L-BFGS (Nocedal & Wright, algorithm 7.4) and, with `orthantWise`, OWL-QN (Andrew & Gao 2007)
/// for an L1 term: the same two-loop recursion on the pseudo-gradient, with every step projected
/// onto the orthant it starts in, so coefficients that cross zero stop at exactly zero.
///
/// Line search: backtracking from the unit step with the Armijo condition; curvature pairs with
/// `sᵀy ≤ 0` are skipped so the implicit Hessian stays positive definite.
struct LBFGSTrainer: Trainer {
    let orthantWise: Bool

    func minimize(_ objective: Objective, from start: [Double], settings: SolverSettings) -> OptimizationResult {
        let l1 = objective.l1Weights
        let useOrthants = orthantWise || l1 != nil
        let solver: Solver = useOrthants ? .owlqn : .lbfgs
        let q = objective.parameterCount
        let lambda = l1 ?? [Double](repeating: 0, count: q)
        var theta = start
        var gradient = [Double](repeating: 0, count: q)
        var smooth = objective.valueAndGradient(at: theta, gradient: &gradient)
        var value = objective.fullValue(smooth: smooth, at: theta)
        var history = [value]
        var memory = CurvatureMemory()
        let threshold = settings.tolerance * objective.gradientScale
        var iteration = 0
        var newGradient = [Double](repeating: 0, count: q)

        func finish(_ converged: Bool, _ measure: Double, _ message: String) -> OptimizationResult {
            OptimizationResult(solver: solver, parameters: theta, objective: value, gradientMaxNorm: measure,
                               iterations: iteration, converged: converged, objectiveHistory: history, message: message)
        }

        while true {
            let steepest = useOrthants ? VectorMath.pseudoGradient(theta, gradient, lambda) : gradient
            let measure = VectorMath.maxAbs(steepest)
            if measure <= threshold { return finish(true, measure, "converged: max |\(useOrthants ? "pseudo-" : "")gradient| \(measure) ≤ \(threshold)") }
            if iteration >= settings.maxIterations { return finish(false, measure, "stopped after max_iter = \(settings.maxIterations) iterations") }
            iteration += 1

            var direction = memory.direction(steepest)
            if useOrthants {
                // Keep only components that agree in sign with the steepest-descent direction.
                for j in 0..<q where direction[j] * steepest[j] >= 0 { direction[j] = 0 }
            }
            var slope = VectorMath.dot(steepest, direction)
            if slope >= 0 {
                // Not a descent direction (stale curvature): restart from steepest descent.
                memory.forget()
                direction = steepest.map { -$0 }
                slope = VectorMath.dot(steepest, direction)
            }
            let search = LineSearchStart(theta: theta, value: value, steepest: steepest, direction: direction, slope: slope,
                                         orthantWeights: useOrthants ? lambda : nil)
            guard let step = search.backtrack(objective, gradient: &newGradient) else {
                return finish(measure <= threshold * 100, measure, "line search failed: no decrease along the search direction (flat to machine precision)")
            }
            memory.remember(s: VectorMath.difference(step.point, theta), y: VectorMath.difference(newGradient, gradient), limit: settings.historySize)
            theta = step.point
            smooth = step.smooth
            value = step.value
            swap(&gradient, &newGradient)
            history.append(value)
            settings.progress?(iteration, value)
        }
    }
}

/// The last `m` curvature pairs `(s, y)` of L-BFGS and the two-loop recursion over them.
struct CurvatureMemory {
    private var s: [[Double]] = []
    private var y: [[Double]] = []
    private var rho: [Double] = []

    /// `−H·steepest` for the implicit inverse Hessian `H`; without pairs yet, the steepest-descent
    /// direction scaled to unit length (the first step is then independent of the data size).
    func direction(_ steepest: [Double]) -> [Double] {
        var direction = steepest.map { -$0 }
        var alphas = [Double](repeating: 0, count: s.count)
        for k in stride(from: s.count - 1, through: 0, by: -1) {
            alphas[k] = rho[k] * VectorMath.dot(s[k], direction)
            direction = VectorMath.adding(direction, -alphas[k], y[k])
        }
        if let last = s.indices.last {
            let gamma = VectorMath.dot(s[last], y[last]) / VectorMath.dot(y[last], y[last])
            for j in direction.indices { direction[j] *= gamma }
        } else {
            let norm = VectorMath.dot(steepest, steepest).squareRoot()
            for j in direction.indices { direction[j] /= max(norm, 1e-300) }
        }
        for k in 0..<s.count {
            let beta = rho[k] * VectorMath.dot(y[k], direction)
            direction = VectorMath.adding(direction, alphas[k] - beta, s[k])
        }
        return direction
    }

    /// Keeps the pair when `sᵀy` is safely positive (the implicit Hessian stays positive
    /// definite), dropping the oldest beyond `limit`.
    mutating func remember(s newS: [Double], y newY: [Double], limit: Int) {
        let sy = VectorMath.dot(newS, newY)
        guard sy > 1e-12 * VectorMath.dot(newS, newS).squareRoot() * VectorMath.dot(newY, newY).squareRoot() && sy > 0 else { return }
        s.append(newS); y.append(newY); rho.append(1 / sy)
        if s.count > limit {
            s.removeFirst(); y.removeFirst(); rho.removeFirst()
        }
    }

    /// Drops every pair (a restart from steepest descent).
    mutating func forget() {
        s.removeAll(); y.removeAll(); rho.removeAll()
    }
}

/// A backtracking line search of L-BFGS / OWL-QN from `theta` along `direction`.
struct LineSearchStart {
    let theta: [Double]
    let value: Double
    /// The (pseudo-)gradient at `theta`.
    let steepest: [Double]
    let direction: [Double]
    /// `steepestᵀ·direction` (< 0).
    let slope: Double
    /// OWL-QN: the L1 weights; each step is projected onto the orthant it starts in. nil: L-BFGS.
    let orthantWeights: [Double]?

    /// The accepted point, its smooth and full objective (`gradient` then holds its gradient),
    /// or nil when 60 halvings of the unit step bring no sufficient decrease.
    func backtrack(_ objective: Objective, gradient: inout [Double]) -> (point: [Double], smooth: Double, value: Double)? {
        let q = theta.count
        let orthant: [Double] = orthantWeights == nil ? [] : (0..<q).map { j in
            theta[j] != 0 ? (theta[j] > 0 ? 1 : -1) : (steepest[j] < 0 ? 1 : (steepest[j] > 0 ? -1 : 0))
        }
        var step = 1.0
        for _ in 0..<60 {
            var candidate = VectorMath.adding(theta, step, direction)
            if let lambda = orthantWeights {
                for j in 0..<q where lambda[j] > 0 && candidate[j] * orthant[j] <= 0 { candidate[j] = 0 }
            }
            let candidateSmooth = objective.valueAndGradient(at: candidate, gradient: &gradient)
            let candidateValue = objective.fullValue(smooth: candidateSmooth, at: candidate)
            let decrease = orthantWeights != nil ? VectorMath.dot(steepest, VectorMath.difference(candidate, theta)) : step * slope
            if LineSearch.accepts(candidate: candidateValue, current: value, predictedDecrease: decrease) {
                return (candidate, candidateSmooth, candidateValue)
            }
            step *= 0.5
        }
        return nil
    }
}
