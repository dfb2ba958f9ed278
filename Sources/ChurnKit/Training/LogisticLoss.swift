#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The per-sample binary logistic loss and its derivatives in the linear predictor `z`, written to
/// stay finite for any `z` (after liblinear: branch on the sign, never `log(sigmoid(z))`).
enum LogisticLoss {
    /// `log(1 + eᶻ)` without overflow for large `z` or loss of precision for very negative `z`.
    @inline(__always)
    static func softplus(_ z: Double) -> Double {
        let e = exp(-abs(z))
        return z > 0 ? z + log1pOfSmall(e) : log1pOfSmall(e)
    }

    /// `log(1 + e)` for `e` in [0, 1], accurate to a few ulps, by Kahan's trick: `log(u)·e/(u − 1)`
    /// with `u = 1 + e` cancels the rounding of `u`. glibc's `log1p` is about four times slower
    /// than its `log` and was 40% of a gradient pass on 1M × 8 (perf, `churn-fit-raw`).
    @inline(__always)
    static func log1pOfSmall(_ e: Double) -> Double {
        let u = 1 + e
        return u == 1 ? e : log(u) * (e / (u - 1))
    }

    /// `σ(z) = 1 / (1 + e⁻ᶻ)`, computed from the side where the exponential cannot overflow.
    @inline(__always)
    static func sigmoid(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + exp(-z)) }
        let e = exp(z)
        return e / (1 + e)
    }

    /// `−y·log σ(z) − (1−y)·log(1−σ(z)) = log(1 + eᶻ) − y·z` for a label `y ∈ {0, 1}`.
    @inline(__always)
    static func loss(label y: Double, linear z: Double) -> Double {
        softplus(z) - y * z
    }

    /// `σ(z)` from `e = e^{−|z|}` already computed for the loss (bit for bit ``sigmoid(_:)``).
    @inline(__always)
    static func sigmoid(_ z: Double, expMinusAbs e: Double) -> Double {
        z >= 0 ? 1 / (1 + e) : e / (1 + e)
    }
}

