#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The special functions the buy-till-you-die models need: log-gamma, digamma, trigamma and the
/// two stable log-space primitives (softplus, log-sum-exp).
///
/// Digamma and trigamma shift the argument above 10 with their recurrences
/// (`ψ(x) = ψ(x + 1) − 1/x`, `ψ₁(x) = ψ₁(x + 1) + 1/x²`) and then use the asymptotic series, which
/// is accurate to about 1e-15 there; this is the classic Bernardo (AS 103) / Schneider (AS 121)
/// scheme with more terms. The models only evaluate them at positive arguments.
enum SpecialFunctions {
    /// `log Γ(x)` for `x > 0` (C's `lgamma`).
    @inline(__always) static func logGamma(_ x: Double) -> Double { lgamma(x) }

    /// `ψ(x) = d/dx log Γ(x)`, `x > 0`.
    static func digamma(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return x == .infinity ? .infinity : .nan }
        var value = 0.0
        var y = x
        while y < 10 {
            value -= 1 / y
            y += 1
        }
        let inverse = 1 / y, inverse2 = inverse * inverse
        // ln y − 1/(2y) − Σ B₂ₖ/(2k·y²ᵏ)
        let series = inverse2 * (1.0 / 12 - inverse2 * (1.0 / 120 - inverse2 * (1.0 / 252 - inverse2 * (1.0 / 240 - inverse2 * (1.0 / 132 - inverse2 * (691.0 / 32760 - inverse2 / 12))))))
        return value + log(y) - 0.5 * inverse - series
    }

    /// `ψ₁(x) = d²/dx² log Γ(x)`, `x > 0`.
    static func trigamma(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return x == .infinity ? 0 : .nan }
        var value = 0.0
        var y = x
        while y < 10 {
            value += 1 / (y * y)
            y += 1
        }
        let inverse = 1 / y, inverse2 = inverse * inverse
        // 1/y + 1/(2y²) + Σ B₂ₖ/y²ᵏ⁺¹
        let series = inverse * (1 + inverse * (0.5 + inverse * (1.0 / 6 - inverse2 * (1.0 / 30 - inverse2 * (1.0 / 42 - inverse2 * (1.0 / 30 - inverse2 * (5.0 / 66 - inverse2 * (691.0 / 2730 - inverse2 * 7.0 / 6))))))))
        return value + series
    }

    /// `log(1 + eˣ)` without overflow or loss of precision at either end.
    @inline(__always) static func softplus(_ x: Double) -> Double {
        x > 0 ? x + log1p(exp(-x)) : log1p(exp(x))
    }

    /// `log(eᵃ + eᵇ)`.
    @inline(__always) static func logSumExp(_ a: Double, _ b: Double) -> Double {
        let m = max(a, b)
        guard m > -.infinity else { return -.infinity }
        return m + log1p(exp(-abs(a - b)))
    }

    /// `1/(1 + e⁻ˣ)`.
    @inline(__always) static func sigmoid(_ x: Double) -> Double {
        x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
    }
}
