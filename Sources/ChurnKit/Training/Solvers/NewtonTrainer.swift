/// Newton's method: solve `H·d = −g` by Cholesky (LAPACK `dposv`), then a backtracking line search.
///
/// When the Hessian is not positive definite (it always is for logistic loss with L2 > 0, but
/// not without a penalty on collinear or separable data) the solve is retried with `H + μI`,
/// μ growing tenfold, a Levenberg-style damped step. Stops when max |gᵢ| ≤ tol·C·Σw.
struct NewtonTrainer: Trainer {
    func minimize(_ objective: Objective, from start: [Double], settings: SolverSettings) -> OptimizationResult {
        precondition(objective.l1Weights == nil, "Newton needs a smooth objective; use OWL-QN for L1")
        let q = objective.parameterCount
        var theta = start
        var gradient = [Double](repeating: 0, count: q)
        var hessian = [Double](repeating: 0, count: q * q)
        var trialGradient = gradient, trialHessian = hessian
        var history: [Double] = []
        var value = objective.valueGradientHessian(at: theta, gradient: &gradient, hessian: &hessian)
        history.append(value)
        let threshold = settings.tolerance * objective.gradientScale
        var dampedSteps = 0
        var iteration = 0
        var message = ""
        while true {
            let measure = VectorMath.maxAbs(gradient)
            if measure <= threshold {
                message = "converged: max |gradient| \(measure) ≤ \(threshold)"
                return result(theta, value, measure, iteration, true, history, message + (dampedSteps > 0 ? "; \(dampedSteps) damped steps" : ""))
            }
            if iteration >= settings.maxIterations {
                return result(theta, value, measure, iteration, false, history, "stopped after max_iter = \(settings.maxIterations) iterations")
            }
            iteration += 1
            var direction = gradient.map { -$0 }
            var factor = hessian
            if !BLAS.choleskySolve(n: q, &factor, &direction) {
                dampedSteps += 1
                var maxDiagonal = 0.0
                for j in 0..<q { maxDiagonal = max(maxDiagonal, abs(hessian[j * q + j])) }
                var mu = max(maxDiagonal, 1) * 1e-10
                while true {
                    factor = hessian
                    for j in 0..<q { factor[j * q + j] += mu }
                    direction = gradient.map { -$0 }
                    if BLAS.choleskySolve(n: q, &factor, &direction) { break }
                    mu *= 10
                }
            }
            let slope = VectorMath.dot(gradient, direction)
            // The full step is almost always taken, so it is tried with value, gradient and Hessian
            // in one pass: a pass over the data saved per iteration (a pass is the whole cost on
            // large data). Only if it is refused does the search fall back to value-only passes.
            let fullStep = VectorMath.adding(theta, 1, direction)
            let fullValue = objective.valueGradientHessian(at: fullStep, gradient: &trialGradient, hessian: &trialHessian)
            if LineSearch.accepts(candidate: fullValue, current: value, predictedDecrease: slope) {
                theta = fullStep
                value = fullValue
                swap(&gradient, &trialGradient)
                swap(&hessian, &trialHessian)
            } else {
                var step = 0.5
                var accepted = false
                for _ in 0..<60 {
                    let candidate = VectorMath.adding(theta, step, direction)
                    let candidateValue = objective.value(at: candidate)
                    if LineSearch.accepts(candidate: candidateValue, current: value, predictedDecrease: step * slope) {
                        theta = candidate
                        accepted = true
                        break
                    }
                    step *= 0.5
                }
                if !accepted {
                    let measure = VectorMath.maxAbs(gradient)
                    return result(theta, value, measure, iteration, measure <= threshold * 100, history,
                                  "line search failed: no decrease along the Newton direction (the objective is flat to machine precision)")
                }
                value = objective.valueGradientHessian(at: theta, gradient: &gradient, hessian: &hessian)
            }
            history.append(value)
            settings.progress?(iteration, value)
        }
    }

    private func result(_ theta: [Double], _ value: Double, _ measure: Double, _ iterations: Int, _ converged: Bool,
                        _ history: [Double], _ message: String) -> OptimizationResult {
        OptimizationResult(solver: .newton, parameters: theta, objective: value, gradientMaxNorm: measure, iterations: iterations,
                           converged: converged, objectiveHistory: history, message: message)
    }
}
