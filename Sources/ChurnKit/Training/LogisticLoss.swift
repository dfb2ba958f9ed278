#if canImport(Glibc)
import Glibc
#endif

/// The per-sample binary logistic loss and its derivatives in the linear predictor `z`, written to
/// stay finite for any `z` (after liblinear: branch on the sign, never `log(sigmoid(z))`).
public enum LogisticLoss {
    /// `log(1 + eᶻ)` without overflow for large `z` or loss of precision for very negative `z`.
    @inline(__always)
    public static func softplus(_ z: Double) -> Double {
        z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
    }

    /// `σ(z) = 1 / (1 + e⁻ᶻ)`, computed from the side where the exponential cannot overflow.
    @inline(__always)
    public static func sigmoid(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + exp(-z)) }
        let e = exp(z)
        return e / (1 + e)
    }

    /// `−y·log σ(z) − (1−y)·log(1−σ(z)) = log(1 + eᶻ) − y·z` for a label `y ∈ {0, 1}`.
    @inline(__always)
    public static func loss(label y: Double, linear z: Double) -> Double {
        softplus(z) - y * z
    }
}
