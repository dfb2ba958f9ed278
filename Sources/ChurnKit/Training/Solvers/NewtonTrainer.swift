/// Newton's method: solve `H·d = −g` by Cholesky (LAPACK `dposv`), then a backtracking line search.
///
/// When the Hessian is not positive definite (it always is for logistic loss with L2 > 0, but
/// not without a penalty on collinear or separable data) the solve is retried with `H + μI`,
/// μ growing tenfold, a Levenberg-style damped step. Stops when max |gᵢ| ≤ tol·C·Σw.
///
/// Steps use the objective's *step* Hessian (``Objective/valueGradientStepHessian(at:gradient:hessian:)``;
/// for the logistic objective on large data, `XᵀDX` from a systematic sample of the rows): the
/// gradient and the stopping test stay exact, so only the path to the optimum can change, not the
/// optimum. If the
/// cheap Hessian ever misleads (not positive definite, a full step refused, or the gradient
/// shrinking less than half from the third iteration on, as on badly conditioned data), the
/// trainer switches to the exact Hessian for the rest of the fit.
struct NewtonTrainer: Trainer {
    func minimize(_ objective: Objective, from start: [Double], settings: SolverSettings) -> OptimizationResult {
        precondition(objective.l1Weights == nil, "Newton needs a smooth objective; use OWL-QN for L1")
        let q = objective.parameterCount
        var theta = start
        var gradient = [Double](repeating: 0, count: q)
        var hessian = [Double](repeating: 0, count: q * q)
        var trialGradient = gradient, trialHessian = hessian
        var history: [Double] = []
        var exactHessian = false
        func evaluate(_ point: [Double], _ g: inout [Double], _ h: inout [Double]) -> Double {
            exactHessian ? objective.valueGradientHessian(at: point, gradient: &g, hessian: &h)
                         : objective.valueGradientStepHessian(at: point, gradient: &g, hessian: &h)
        }
        var value = evaluate(theta, &gradient, &hessian)
        history.append(value)
        let threshold = settings.tolerance * objective.gradientScale
        var dampedSteps = 0
        var iteration = 0
        var message = ""
        var previousMeasure: Double? = nil
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
            var solved = Self.solve(hessian, q, &direction)
            if !solved && !exactHessian {
                exactHessian = true
                value = objective.valueGradientHessian(at: theta, gradient: &gradient, hessian: &hessian)
                direction = gradient.map { -$0 }
                solved = Self.solve(hessian, q, &direction)
            }
            if !solved {
                dampedSteps += 1
                var maxDiagonal = 0.0
                for j in 0..<q { maxDiagonal = max(maxDiagonal, abs(hessian[j * q + j])) }
                var mu = max(maxDiagonal, 1) * 1e-10
                while true {
                    var damped = hessian
                    for j in 0..<q { damped[j * q + j] += mu }
                    direction = gradient.map { -$0 }
                    if Self.solve(damped, q, &direction) { break }
                    mu *= 10
                }
            }
            let slope = VectorMath.dot(gradient, direction)
            // The full step is almost always taken, so it is tried with value, gradient and Hessian
            // in one pass: a pass over the data saved per iteration (a pass is the whole cost on
            // large data). Only if it is refused does the search fall back to value-only passes.
            // When the last step's rate of decrease, continued (‖g₊‖ ≈ ‖g‖²/‖g₋‖, cautious: Newton
            // near the optimum does better), predicts convergence, the Hessian at the next point
            // would be thrown away, so the step is tried with value and gradient alone (one
            // Hessian pass saved per fit; a wrong guess costs the pass back).
            let expectConverged = previousMeasure.map { measure * measure / $0 <= threshold } ?? false
            previousMeasure = measure
            let fullStep = VectorMath.adding(theta, 1, direction)
            let fullValue = expectConverged ? objective.valueAndGradient(at: fullStep, gradient: &trialGradient)
                                            : evaluate(fullStep, &trialGradient, &trialHessian)
            if LineSearch.accepts(candidate: fullValue, current: value, predictedDecrease: slope) {
                if iteration >= 3 && VectorMath.maxAbs(trialGradient) > 0.5 * measure { exactHessian = true }
                theta = fullStep
                value = fullValue
                swap(&gradient, &trialGradient)
                if expectConverged {
                    if VectorMath.maxAbs(gradient) > threshold { value = evaluate(theta, &gradient, &hessian) }
                } else {
                    swap(&hessian, &trialHessian)
                }
            } else {
                exactHessian = true
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
                value = evaluate(theta, &gradient, &hessian)
            }
            history.append(value)
            settings.progress?(iteration, value)
        }
    }

    /// Solves `H·d = direction` in place by Cholesky on a copy of `H`; false when `H` is not positive definite.
    private static func solve(_ hessian: [Double], _ q: Int, _ direction: inout [Double]) -> Bool {
        var factor = hessian
        return BLAS.choleskySolve(n: q, &factor, &direction)
    }

    private func result(_ theta: [Double], _ value: Double, _ measure: Double, _ iterations: Int, _ converged: Bool,
                        _ history: [Double], _ message: String) -> OptimizationResult {
        OptimizationResult(solver: .newton, parameters: theta, objective: value, gradientMaxNorm: measure, iterations: iterations,
                           converged: converged, objectiveHistory: history, message: message)
    }
}
