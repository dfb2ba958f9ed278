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
