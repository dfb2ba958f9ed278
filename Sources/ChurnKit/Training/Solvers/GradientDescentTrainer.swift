/// Batch gradient descent. With Armijo backtracking (the default) each step starts from twice the
/// last accepted step and halves until the objective decreases enough; with a fixed learning rate
/// η the step is `η / (C·Σw)` (η applies to the mean loss). With an L1 term each step is a
/// proximal-gradient (ISTA) step: a gradient step on the smooth part, then soft-thresholding,
/// which sets coefficients to exactly zero. Stops when max |(pseudo-)gradient| ≤ tol·C·Σw.
struct GradientDescentTrainer: Trainer {
    func minimize(_ objective: Objective, from start: [Double], settings: SolverSettings) -> OptimizationResult {
        let q = objective.parameterCount
        let l1 = objective.l1Weights
        var theta = start
        var gradient = [Double](repeating: 0, count: q)
        var smooth = objective.valueAndGradient(at: theta, gradient: &gradient)
        var value = objective.fullValue(smooth: smooth, at: theta)
        var history = [value]
        let threshold = settings.tolerance * objective.gradientScale
        let fixedStep = settings.learningRate.map { $0 / objective.gradientScale }
        var search = ArmijoSearch(step: fixedStep ?? 1 / objective.gradientScale)
        var iteration = 0

        func finish(_ converged: Bool, _ measure: Double, _ message: String) -> OptimizationResult {
            OptimizationResult(solver: .gd, parameters: theta, objective: value, gradientMaxNorm: measure,
                               iterations: iteration, converged: converged, objectiveHistory: history, message: message)
        }

        while true {
            let measure = VectorMath.optimality(theta, gradient, l1)
            if measure <= threshold { return finish(true, measure, "converged: max |gradient| \(measure) ≤ \(threshold)") }
            if iteration >= settings.maxIterations { return finish(false, measure, "stopped after max_iter = \(settings.maxIterations) iterations") }
            iteration += 1
            if let fixedStep {
                theta = Self.proximalStep(theta, gradient, size: fixedStep, l1: l1)
                smooth = objective.valueAndGradient(at: theta, gradient: &gradient)
                value = objective.fullValue(smooth: smooth, at: theta)
                if !value.isFinite { return finish(false, .infinity, "diverged: the fixed learning rate is too large") }
            } else {
                guard search.step(objective, l1: l1, theta: &theta, smooth: &smooth, gradient: &gradient) else {
                    return finish(measure <= threshold * 100, measure, "line search failed: no decrease (flat to machine precision)")
                }
                value = objective.fullValue(smooth: smooth, at: theta)
            }
            history.append(value)
            settings.progress?(iteration, value)
        }
    }

    /// A gradient step of `size` on the smooth part, then soft-thresholding by `size·λ` (ISTA).
    static func proximalStep(_ theta: [Double], _ gradient: [Double], size: Double, l1: [Double]?) -> [Double] {
        var candidate = VectorMath.adding(theta, -size, gradient)
        if let l1 { for j in 0..<candidate.count { candidate[j] = VectorMath.softThreshold(candidate[j], size * l1[j]) } }
        return candidate
    }
}

/// Armijo backtracking for (proximal) gradient descent: each step starts from twice the last
/// cleanly accepted one and halves until the smooth part decreases enough.
private struct ArmijoSearch {
    var step: Double
    var growStep = true
    var lastCleanStep = 0.0

    /// Moves `theta` (with its smooth value and gradient); false when 80 halvings bring no decrease.
    mutating func step(_ objective: Objective, l1: [Double]?, theta: inout [Double], smooth: inout Double, gradient: inout [Double]) -> Bool {
        if growStep { step *= 2 }
        var candidateGradient = gradient
        for _ in 0..<80 {
            let candidate = GradientDescentTrainer.proximalStep(theta, gradient, size: step, l1: l1)
            let candidateSmooth = objective.valueAndGradient(at: candidate, gradient: &candidateGradient)
            let move = VectorMath.difference(candidate, theta)
            // Sufficient decrease for a (proximal) gradient step of size `step`. Near the
            // optimum the decrease falls below the rounding noise of F; a step accepted
            // only within that noise is taken if it is no longer than the last step that
            // passed cleanly, and does not let the step grow: the step size cannot run
            // away on noise.
            let bound = smooth + VectorMath.dot(gradient, move) + VectorMath.dot(move, move) / (2 * step)
            let clean = candidateSmooth <= bound
            if clean || (candidateSmooth <= bound + 1e-13 * abs(smooth) && step <= lastCleanStep) {
                growStep = clean
                if clean { lastCleanStep = step }
                theta = candidate
                smooth = candidateSmooth
                swap(&gradient, &candidateGradient)
                return true
            }
            step *= 0.5
        }
        return false
    }
}
