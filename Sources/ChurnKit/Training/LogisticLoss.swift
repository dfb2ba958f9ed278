#if canImport(Glibc)
import Glibc
#endif

/// The per-sample binary logistic loss and its derivatives in the linear predictor `z`, written to
/// stay finite for any `z` (after liblinear: branch on the sign, never `log(sigmoid(z))`).
public enum LogisticLoss {
    /// `log(1 + eᶻ)` without overflow for large `z` or loss of precision for very negative `z`.
    @inline(__always)
    public static func softplus(_ z: Double) -> Double {
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

    /// `σ(z)` from `e = e^{−|z|}` already computed for the loss (bit for bit ``sigmoid(_:)``).
    @inline(__always)
    static func sigmoid(_ z: Double, expMinusAbs e: Double) -> Double {
        z >= 0 ? 1 / (1 + e) : e / (1 + e)
    }
}

/// `Σᵢ wᵢ·[log(1 + e^{zᵢ}) − yᵢ·zᵢ]`, accumulated row by row, for the objective's passes.
///
/// `log(1 + e^z) = max(z, 0) + log(1 + e^{−|z|})`. With equal weights (no sample weights, the usual
/// case) the second terms are summed as the logarithm of their product, one `log` per 256 rows
/// instead of one per row: on 1M × 32 the per-row `log` was a quarter of a gradient pass (perf,
/// `churn-fit-raw`), more than the read of X it should hide behind. Each factor is in (1, 2], so
/// 256 of them cannot overflow; the product's rounding (≤ 256 ulp, ~6e-14 absolute per block)
/// and the `e < 2⁻⁵³` that `1 + e` drops (each < 1.2e-16) stay below the rounding of the sum itself.
/// With unequal weights every row takes its own `log1p`.
struct LogisticLossSum {
    /// The common weight, or nil when rows are weighted differently.
    let uniformWeight: Double?
    private var linear = 0.0
    private var logs = 0.0
    private var product = 1.0
    private var pending = 0

    init(uniformWeight: Double?) { self.uniformWeight = uniformWeight }

    /// Adds one row; returns `e^{−|z|}` for the caller's `σ(z)`.
    @inline(__always)
    mutating func add(label y: Double, linear z: Double, weight w: Double) -> Double {
        let e = exp(-abs(z))
        linear += w * ((z > 0 ? z : 0) - y * z)
        if uniformWeight != nil {
            product *= 1 + e
            pending += 1
            if pending == 256 { flush() }
        } else {
            logs += w * LogisticLoss.log1pOfSmall(e)
        }
        return e
    }

    private mutating func flush() {
        if let w = uniformWeight { logs += w * log(product) }
        product = 1
        pending = 0
    }

    /// The sum so far.
    mutating func total() -> Double {
        flush()
        return linear + logs
    }
}
