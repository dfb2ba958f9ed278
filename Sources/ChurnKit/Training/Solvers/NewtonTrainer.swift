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
        var run = NewtonRun(objective, start: start, tolerance: settings.tolerance)
        while true {
            let measure = VectorMath.maxAbs(run.gradient)
            if measure <= run.threshold {
                let damped = run.dampedSteps > 0 ? "; \(run.dampedSteps) damped steps" : ""
                return run.result(measure, converged: true, "converged: max |gradient| \(measure) ≤ \(run.threshold)" + damped)
            }
            if run.iteration >= settings.maxIterations {
                return run.result(measure, converged: false, "stopped after max_iter = \(settings.maxIterations) iterations")
            }
            run.iteration += 1
            let direction = run.direction()
            if !run.step(along: direction, measure: measure) {
                let measure = VectorMath.maxAbs(run.gradient)
                return run.result(measure, converged: measure <= run.threshold * 100,
                                  "line search failed: no decrease along the Newton direction (the objective is flat to machine precision)")
            }
            run.history.append(run.value)
            settings.progress?(run.iteration, run.value)
        }
    }
}
