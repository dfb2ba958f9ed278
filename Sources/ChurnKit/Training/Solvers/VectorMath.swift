/// Small dense-vector helpers for the solvers; θ has at most a few hundred entries, so these are
/// plain loops (the heavy lifting is in the objective's BLAS pass).
enum VectorMath {
    @inline(__always) static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in 0..<a.count { s += a[i] * b[i] }
        return s
    }

    @inline(__always) static func maxAbs(_ a: [Double]) -> Double {
        var m = 0.0
        for v in a { m = max(m, abs(v)) }
        return m
    }

    /// `a + alpha·b`.
    @inline(__always) static func adding(_ a: [Double], _ alpha: Double, _ b: [Double]) -> [Double] {
        var out = a
        for i in 0..<a.count { out[i] += alpha * b[i] }
        return out
    }

    static func difference(_ a: [Double], _ b: [Double]) -> [Double] {
        var out = a
        for i in 0..<a.count { out[i] -= b[i] }
        return out
    }

    /// The soft-thresholding operator `sign(v)·max(|v| − t, 0)`, the proximal map of `t·|v|`.
    @inline(__always) static func softThreshold(_ v: Double, _ t: Double) -> Double {
        v > t ? v - t : (v < -t ? v + t : 0)
    }

    /// The minimum-norm subgradient of `f + Σλⱼ|θⱼ|` (OWL-QN's pseudo-gradient); zero exactly
    /// at an optimum, so its max norm is the L1 solvers' stopping measure.
    static func pseudoGradient(_ theta: [Double], _ gradient: [Double], _ l1: [Double]) -> [Double] {
        var out = gradient
        for j in 0..<theta.count {
            let lambda = l1[j]
            if lambda == 0 { continue }
            if theta[j] > 0 { out[j] = gradient[j] + lambda }
            else if theta[j] < 0 { out[j] = gradient[j] - lambda }
            else if gradient[j] + lambda < 0 { out[j] = gradient[j] + lambda }
            else if gradient[j] - lambda > 0 { out[j] = gradient[j] - lambda }
            else { out[j] = 0 }
        }
        return out
    }

    /// The optimality measure of a point: max |gradient|, or max |pseudo-gradient| with L1.
    static func optimality(_ theta: [Double], _ gradient: [Double], _ l1: [Double]?) -> Double {
        guard let l1 else { return maxAbs(gradient) }
        return maxAbs(pseudoGradient(theta, gradient, l1))
    }
}

