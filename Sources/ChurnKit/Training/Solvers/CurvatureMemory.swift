/// The last `m` curvature pairs `(s, y)` of L-BFGS and the two-loop recursion over them.
struct CurvatureMemory {
    private var s: [[Double]] = []
    private var y: [[Double]] = []
    private var rho: [Double] = []

    /// `−H·steepest` for the implicit inverse Hessian `H`; without pairs yet, the steepest-descent
    /// direction scaled to unit length (the first step is then independent of the data size).
    func direction(_ steepest: [Double]) -> [Double] {
        var direction = steepest.map { -$0 }
        var alphas = [Double](repeating: 0, count: s.count)
        for k in stride(from: s.count - 1, through: 0, by: -1) {
            alphas[k] = rho[k] * VectorMath.dot(s[k], direction)
            direction = VectorMath.adding(direction, -alphas[k], y[k])
        }
        if let last = s.indices.last {
            let gamma = VectorMath.dot(s[last], y[last]) / VectorMath.dot(y[last], y[last])
            for j in direction.indices { direction[j] *= gamma }
        } else {
            let norm = VectorMath.dot(steepest, steepest).squareRoot()
            for j in direction.indices { direction[j] /= max(norm, 1e-300) }
        }
        for k in 0..<s.count {
            let beta = rho[k] * VectorMath.dot(y[k], direction)
            direction = VectorMath.adding(direction, alphas[k] - beta, s[k])
        }
        return direction
    }

    /// Keeps the pair when `sᵀy` is safely positive (the implicit Hessian stays positive
    /// definite), dropping the oldest beyond `limit`.
    mutating func remember(s newS: [Double], y newY: [Double], limit: Int) {
        let sy = VectorMath.dot(newS, newY)
        guard sy > 1e-12 * VectorMath.dot(newS, newS).squareRoot() * VectorMath.dot(newY, newY).squareRoot() && sy > 0 else { return }
        s.append(newS); y.append(newY); rho.append(1 / sy)
        if s.count > limit {
            s.removeFirst(); y.removeFirst(); rho.removeFirst()
        }
    }

    /// Drops every pair (a restart from steepest descent).
    mutating func forget() {
        s.removeAll(); y.removeAll(); rho.removeAll()
    }
}
