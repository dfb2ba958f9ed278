#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The four BG/NBD parameters (Fader, Hardie and Lee 2005), time in days.
///
/// While alive a customer buys as a Poisson process with rate `λ ~ Gamma(r, α)`; after every
/// purchase they drop out with probability `p ~ Beta(a, b)`. `α` is a time scale (days), the
/// others are shapes. The predictions below take a customer's `(x, tₓ, T)` — lifetimes'
/// `frequency`, `recency` and `T` — and are computed in log space, so a customer with ten
/// thousand purchases or an age of zero gives finite numbers (lifetimes overflows there).
public struct BGNBDParameters: Codable, Sendable, Equatable {
    /// Shape of the gamma distribution of purchase rates across customers.
    public var r: Double
    /// Scale of the gamma distribution of purchase rates, in days.
    public var alpha: Double
    /// First shape of the beta distribution of the drop-out probability after each purchase.
    public var a: Double
    /// Second shape of the beta distribution of the drop-out probability after each purchase.
    public var b: Double

    /// Parameters as lifetimes names them (time in days).
    public init(r: Double, alpha: Double, a: Double, b: Double) {
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
    }

    /// Positive and finite, as every formula needs.
    public var isValid: Bool { [r, alpha, a, b].allSatisfy { $0.isFinite && $0 > 0 } }

    // MARK: P(alive)

    /// `ℓ = log(a / (b + x − 1)) + (r + x)·log((α + T)/(α + tₓ))` for `x > 0`: P(alive) = σ(−ℓ).
    @inline(__always) func deathLogOdds(frequency x: Double, recency: Double, T: Double) -> Double {
        log(a / (b + x - 1)) + (r + x) * log1p((T - recency) / (alpha + recency))
    }

    /// `log P(alive at T | x, tₓ, T)`; 0 for a customer without repeat purchases (who cannot
    /// have dropped out: dropping out happens only right after a purchase).
    public func logProbabilityAlive(frequency x: Double, recency: Double, T: Double) -> Double {
        x == 0 ? 0 : -SpecialFunctions.softplus(deathLogOdds(frequency: x, recency: recency, T: T))
    }

    /// `P(alive at T | x, tₓ, T) = 1 / (1 + a/(b + x − 1)·((α + T)/(α + tₓ))^(r + x))`
    /// (Fader, Hardie and Lee, "Computing P(alive) using the BG/NBD model", note 021).
    public func probabilityAlive(frequency x: Double, recency: Double, T: Double) -> Double {
        x == 0 ? 1 : SpecialFunctions.sigmoid(-deathLogOdds(frequency: x, recency: recency, T: T))
    }

    // MARK: Expected purchases

    /// Expected repeat purchases in the next `t` days of a customer with history `(x, tₓ, T)`,
    /// equation (10) of Fader, Hardie and Lee (2005) — lifetimes'
    /// `conditional_expected_number_of_purchases_up_to_time`:
    ///
    ///     E = (a + b + x − 1)/(a − 1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; z)] · P(alive),
    ///     z = t/(α+T+t).
    ///
    /// The hypergeometric function with these arguments grows like `e^{xz}` and overflows for
    /// frequent buyers. Euler's transformation `₂F₁(A,B;C;z) = (1−z)^{C−A−B} ₂F₁(C−A, C−B; C; z)`
    /// turns the bracket into `1 − (1−z)^{a−1} ₂F₁(a+b−1−r, a−1; a+b+x−1; z)`, whose series has
    /// coefficients that shrink as `x` grows; with `ε = a − 1` and `L = log(1 − z)` it is evaluated as
    ///
    ///     (a+b+x−1)·(−expm1(εL)/ε) − e^{εL} · Σ_{k≥1} (a+b−1−r)ₖ (1+ε)ₖ₋₁ zᵏ / ((a+b+x)ₖ₋₁ k!),
    ///
    /// which has no division by `a − 1` (its limit at `a = 1` is `−L`), no overflow, and no
    /// pole when `a + b + x − 1 ≤ 0`. Returns NaN only when the series has not converged after
    /// two million terms (`t` more than ~10⁵ times `α + T`).
    public func expectedPurchases(days t: Double, frequency x: Double, recency: Double, T: Double) -> Double {
        guard t > 0 else { return t == 0 ? 0 : .nan }
        return expectedPurchasesIfAlive(days: t, frequency: x, T: T) * probabilityAlive(frequency: x, recency: recency, T: T)
    }

    /// The bracket of ``expectedPurchases(days:frequency:recency:T:)`` times `(a+b+x−1)/(a−1)`:
    /// the expected purchases of a customer known to be alive at `T`.
    ///
    /// Two forms of the same number, each summed with a running rescale so no term overflows:
    /// Euler's (above), whose coefficients `(a+b−1−r)(a−1)` stay small when `x` is large, and
    /// the series as printed, `−(C/ε)·expm1(log ₂F₁(r+x, b+x; C; z) + (r+x)·L)`, whose
    /// coefficients `(r+x)(b+x)` stay small when `a` is large (a fit where nearly everyone drops
    /// out at once). The one with the smaller first ratio is used.
    func expectedPurchasesIfAlive(days t: Double, frequency x: Double, T: Double) -> Double {
        let epsilon = a - 1
        let logSurvival = -log1p(t / (alpha + T))            // L = log(1 − z)
        let z = t / (alpha + T + t)
        let c = a + b + x - 1
        let shifted = a + b - 1 - r                          // C − A
        if epsilon != 0 && c > 0 && abs(epsilon * shifted) > (r + x) * (b + x) {
            let (sum, logScale) = Self.series(first: 1, p: r + x, q: b + x, c: c, z: z, from: 0)
            if sum > 0 {
                return -(c / epsilon) * expm1(log(sum) + logScale + (r + x) * logSurvival)
            }
        }
        let leading = epsilon == 0 ? -logSurvival : -expm1(epsilon * logSurvival) / epsilon
        let (sum, logScale) = Self.series(first: shifted * z, p: shifted, q: epsilon, c: c, z: z, from: 1)
        guard sum.isFinite else { return .nan }
        let tail = sum == 0 ? 0 : (sum > 0 ? 1 : -1) * exp(epsilon * logSurvival + log(abs(sum)) + logScale)
        return c * leading - tail
    }

    /// `Σ_{k≥k₀} uₖ` with `u_{k₀} = first` and `u_{k+1} = uₖ·(p+k)(q+k)z/((c+k)(k+1))`, returned as
    /// `(s, log scale)` with the sum equal to `s·e^{scale}` (the terms are rescaled by 2⁻⁹⁰⁰ whenever
    /// they pass 2⁹⁰⁰). NaN when two million terms do not converge.
    static func series(first: Double, p: Double, q: Double, c: Double, z: Double, from k0: Int) -> (Double, Double) {
        var term = first, sum = first, logScale = 0.0
        var k = Double(k0)
        var converged = term == 0
        let limit = 0x1p900, shrink = 0x1p-900, logShrink = 900 * M_LN2
        while !converged && k < 2_000_000 {
            let ratio = (p + k) * (q + k) * z / ((c + k) * (k + 1))
            term *= ratio
            sum += term
            k += 1
            if abs(sum) > limit || abs(term) > limit {
                sum *= shrink
                term *= shrink
                logScale += logShrink
            }
            converged = term == 0 || (abs(term) <= 1e-17 * abs(sum) && abs(ratio) < 1)
        }
        return converged ? (sum, logScale) : (.nan, 0)
    }

    /// Expected repeat purchases of a new customer in their first `t` days, equation (9):
    /// the conditional expectation at `x = tₓ = T = 0`.
    public func expectedPurchasesOfNewCustomer(days t: Double) -> Double {
        expectedPurchases(days: t, frequency: 0, recency: 0, T: 0)
    }

    // MARK: No purchase in a horizon

    /// `log P(no purchase in (T, T + t] | x, tₓ, T)`: the customer is dead, or alive and the
    /// Poisson process (rate posterior Gamma(r + x, α + T)) gives no purchase in `t` days,
    ///
    ///     P = 1 − P(alive) + P(alive)·((α + T)/(α + T + t))^(r + x),
    ///
    /// evaluated as `logsumexp(log(1 − P(alive)), log P(alive) + (r + x)·log((α+T)/(α+T+t)))`,
    /// a sum of two positive terms (no cancellation even when P is tiny).
    public func logProbabilityNoPurchase(days t: Double, frequency x: Double, recency: Double, T: Double) -> Double {
        let logStaysQuiet = -(r + x) * log1p(t / (alpha + T))
        guard x > 0 else { return logStaysQuiet }
        let odds = deathLogOdds(frequency: x, recency: recency, T: T)
        return SpecialFunctions.logSumExp(-SpecialFunctions.softplus(-odds), -SpecialFunctions.softplus(odds) + logStaysQuiet)
    }

    /// `P(no purchase in the next t days)`: the BG/NBD's probability of ChurnKit's churn label.
    public func probabilityNoPurchase(days t: Double, frequency x: Double, recency: Double, T: Double) -> Double {
        exp(logProbabilityNoPurchase(days: t, frequency: x, recency: recency, T: T))
    }

    // MARK: Purchase counts

    /// `P(X(t) = n)` for a new customer, equation (8) (lifetimes'
    /// `probability_of_n_purchases_up_to_time`), with the first term in log space.
    public func probabilityOfPurchases(_ n: Int, days t: Double) -> Double {
        guard t > 0 else { return n == 0 ? 1 : 0 }
        let nd = Double(n)
        let logShare = log(alpha / (alpha + t)), logRest = log(t / (alpha + t))
        let logBetaAB = SpecialFunctions.logGamma(a) + SpecialFunctions.logGamma(b) - SpecialFunctions.logGamma(a + b)
        func logBeta(_ p: Double, _ q: Double) -> Double {
            SpecialFunctions.logGamma(p) + SpecialFunctions.logGamma(q) - SpecialFunctions.logGamma(p + q)
        }
        let first = exp(logBeta(a, b + nd) - logBetaAB + SpecialFunctions.logGamma(r + nd) - SpecialFunctions.logGamma(r)
                        - SpecialFunctions.logGamma(nd + 1) + r * logShare + nd * logRest)
        guard n > 0 else { return first }
        var partial = 0.0
        for j in 0..<n {
            let jd = Double(j)
            partial += exp(SpecialFunctions.logGamma(r + jd) - SpecialFunctions.logGamma(r) - SpecialFunctions.logGamma(jd + 1)
                           + r * logShare + jd * logRest)
        }
        return first + exp(logBeta(a + 1, b + nd - 1) - logBetaAB) * (1 - partial)
    }
}
