/// Armijo backtracking for (proximal) gradient descent: each step starts from twice the last
/// cleanly accepted one and halves until the smooth part decreases enough.
struct ArmijoSearch {
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
