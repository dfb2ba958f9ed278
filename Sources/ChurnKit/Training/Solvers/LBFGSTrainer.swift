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
