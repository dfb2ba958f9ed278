#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
