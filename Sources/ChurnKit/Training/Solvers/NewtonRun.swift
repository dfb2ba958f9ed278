/// The state of one Newton fit: the point, its value, gradient and (step) Hessian, and the
/// buffers a trial step writes into, reused across iterations.
struct NewtonRun {
    let objective: Objective
    let q: Int
    let threshold: Double
    var theta: [Double]
    var value = 0.0
    var gradient: [Double]
    var hessian: [Double]
    var trialGradient: [Double]
    var trialHessian: [Double]
    var history: [Double] = []
    /// Set once the step Hessian misled; from then on every Hessian is exact.
    var exactHessian = false
    var dampedSteps = 0
    var iteration = 0
    var previousMeasure: Double? = nil

    init(_ objective: Objective, start: [Double], tolerance: Double) {
        self.objective = objective
        q = objective.parameterCount
        threshold = tolerance * objective.gradientScale
        theta = start
        gradient = [Double](repeating: 0, count: q)
        hessian = [Double](repeating: 0, count: q * q)
        trialGradient = gradient
        trialHessian = hessian
        value = Self.evaluate(objective, exact: false, theta, &gradient, &hessian)
        history.append(value)
    }

    static func evaluate(_ objective: Objective, exact: Bool, _ point: [Double], _ g: inout [Double], _ h: inout [Double]) -> Double {
        exact ? objective.valueGradientHessian(at: point, gradient: &g, hessian: &h)
              : objective.valueGradientStepHessian(at: point, gradient: &g, hessian: &h)
    }

    /// Value, gradient and Hessian at the current point (exact or step Hessian as the run stands).
    mutating func reevaluate() {
        value = Self.evaluate(objective, exact: exactHessian, theta, &gradient, &hessian)
    }

    /// The Newton direction `−H⁻¹g`. If the step Hessian is not positive definite (or, summed in
    /// single precision from extreme features, not finite), the exact one is tried; if that is not
    /// positive definite either, `H + μI` with μ growing tenfold (a damped step).
    mutating func direction() -> [Double] {
        var direction = gradient.map { -$0 }
        var solved = Self.solve(hessian, q, &direction) && direction.allSatisfy { $0.isFinite }
        if !solved && !exactHessian {
            exactHessian = true
            value = objective.valueGradientHessian(at: theta, gradient: &gradient, hessian: &hessian)
            direction = gradient.map { -$0 }
            solved = Self.solve(hessian, q, &direction)
        }
        if solved { return direction }
        dampedSteps += 1
        var maxDiagonal = 0.0
        for j in 0..<q { maxDiagonal = max(maxDiagonal, abs(hessian[j * q + j])) }
        var mu = max(maxDiagonal, 1) * 1e-10
        while true {
            var damped = hessian
            for j in 0..<q { damped[j * q + j] += mu }
            direction = gradient.map { -$0 }
            if Self.solve(damped, q, &direction) { return direction }
            mu *= 10
        }
    }

    /// Takes the step along `direction`: the full step if it decreases the objective enough,
    /// else a backtracking search. False when no step decreases it.
    ///
    /// The full step is almost always taken, so it is tried with value, gradient and Hessian in
    /// one pass: a pass over the data saved per iteration (a pass is the whole cost on large
    /// data). Only if it is refused does the search fall back to value-only passes. When the
    /// last step's rate of decrease, continued (‖g₊‖ ≈ ‖g‖²/‖g₋‖, cautious: Newton near the
    /// optimum does better), predicts convergence, the Hessian at the next point would be thrown
    /// away, so the step is tried with value and gradient alone (one Hessian pass saved per fit;
    /// a wrong guess costs the pass back).
    mutating func step(along direction: [Double], measure: Double) -> Bool {
        let slope = VectorMath.dot(gradient, direction)
        let expectConverged = previousMeasure.map { measure * measure / $0 <= threshold } ?? false
        previousMeasure = measure
        let fullStep = VectorMath.adding(theta, 1, direction)
        let fullValue = expectConverged ? objective.valueAndGradient(at: fullStep, gradient: &trialGradient)
                                        : Self.evaluate(objective, exact: exactHessian, fullStep, &trialGradient, &trialHessian)
        guard LineSearch.accepts(candidate: fullValue, current: value, predictedDecrease: slope) else {
            return backtrack(along: direction, slope: slope)
        }
        if iteration >= 3 && VectorMath.maxAbs(trialGradient) > 0.5 * measure { exactHessian = true }
        theta = fullStep
        value = fullValue
        swap(&gradient, &trialGradient)
        if expectConverged {
            if VectorMath.maxAbs(gradient) > threshold { reevaluate() }
        } else {
            swap(&hessian, &trialHessian)
        }
        return true
    }

    /// Halves the step from ½ with value-only passes (and switches to the exact Hessian: the
    /// step Hessian misled); false when 60 halvings bring no sufficient decrease.
    mutating func backtrack(along direction: [Double], slope: Double) -> Bool {
        exactHessian = true
        var step = 0.5
        for _ in 0..<60 {
            let candidate = VectorMath.adding(theta, step, direction)
            let candidateValue = objective.value(at: candidate)
            if LineSearch.accepts(candidate: candidateValue, current: value, predictedDecrease: step * slope) {
                theta = candidate
                reevaluate()
                return true
            }
            step *= 0.5
        }
        return false
    }

    /// Solves `H·d = direction` in place by Cholesky on a copy of `H`; false when `H` is not positive definite.
    static func solve(_ hessian: [Double], _ q: Int, _ direction: inout [Double]) -> Bool {
        var factor = hessian
        return BLAS.choleskySolve(n: q, &factor, &direction)
    }

    func result(_ measure: Double, converged: Bool, _ message: String) -> OptimizationResult {
        OptimizationResult(solver: .newton, parameters: theta, objective: value, gradientMaxNorm: measure, iterations: iteration,
                           converged: converged, objectiveHistory: history, message: message)
    }
}
