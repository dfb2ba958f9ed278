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
