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
        var sHistory: [[Double]] = [], yHistory: [[Double]] = [], rhoHistory: [Double] = []
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

            // Two-loop recursion: direction = −H·steepest.
            var direction = steepest.map { -$0 }
            var alphas = [Double](repeating: 0, count: sHistory.count)
            for k in stride(from: sHistory.count - 1, through: 0, by: -1) {
                alphas[k] = rhoHistory[k] * VectorMath.dot(sHistory[k], direction)
                direction = VectorMath.adding(direction, -alphas[k], yHistory[k])
            }
            if let last = sHistory.indices.last {
                let gamma = VectorMath.dot(sHistory[last], yHistory[last]) / VectorMath.dot(yHistory[last], yHistory[last])
                for j in 0..<q { direction[j] *= gamma }
            } else {
                // First step: unit length in the steepest direction, scaled to the data size.
                let norm = VectorMath.dot(steepest, steepest).squareRoot()
                for j in 0..<q { direction[j] /= max(norm, 1e-300) }
            }
            for k in 0..<sHistory.count {
                let beta = rhoHistory[k] * VectorMath.dot(yHistory[k], direction)
                direction = VectorMath.adding(direction, alphas[k] - beta, sHistory[k])
            }
            if useOrthants {
                // Keep only components that agree in sign with the steepest-descent direction.
                for j in 0..<q where direction[j] * steepest[j] >= 0 { direction[j] = 0 }
            }
            var slope = VectorMath.dot(steepest, direction)
            if slope >= 0 {
                // Not a descent direction (stale curvature): restart from steepest descent.
                sHistory.removeAll(); yHistory.removeAll(); rhoHistory.removeAll()
                direction = steepest.map { -$0 }
                slope = VectorMath.dot(steepest, direction)
            }
            let orthant: [Double] = useOrthants
                ? (0..<q).map { j in theta[j] != 0 ? (theta[j] > 0 ? 1 : -1) : (steepest[j] < 0 ? 1 : (steepest[j] > 0 ? -1 : 0)) }
                : []

            var step = 1.0
            var accepted = false
            var candidate = theta
            var candidateSmooth = smooth
            for _ in 0..<60 {
                candidate = VectorMath.adding(theta, step, direction)
                if useOrthants {
                    for j in 0..<q where lambda[j] > 0 && candidate[j] * orthant[j] <= 0 { candidate[j] = 0 }
                }
                candidateSmooth = objective.valueAndGradient(at: candidate, gradient: &newGradient)
                let candidateValue = objective.fullValue(smooth: candidateSmooth, at: candidate)
                let decrease = useOrthants ? VectorMath.dot(steepest, VectorMath.difference(candidate, theta)) : step * slope
                if LineSearch.accepts(candidate: candidateValue, current: value, predictedDecrease: decrease) {
                    accepted = true
                    value = candidateValue
                    break
                }
                step *= 0.5
            }
            if !accepted {
                return finish(measure <= threshold * 100, measure, "line search failed: no decrease along the search direction (flat to machine precision)")
            }
            let s = VectorMath.difference(candidate, theta)
            let y = VectorMath.difference(newGradient, gradient)
            let sy = VectorMath.dot(s, y)
            if sy > 1e-12 * VectorMath.dot(s, s).squareRoot() * VectorMath.dot(y, y).squareRoot() && sy > 0 {
                sHistory.append(s); yHistory.append(y); rhoHistory.append(1 / sy)
                if sHistory.count > settings.historySize {
                    sHistory.removeFirst(); yHistory.removeFirst(); rhoHistory.removeFirst()
                }
            }
            theta = candidate
            smooth = candidateSmooth
            swap(&gradient, &newGradient)
            history.append(value)
            settings.progress?(iteration, value)
        }
    }
}
