import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The BG/NBD predictions of many customers over one horizon, computed once per distinct
/// `(x, tₓ, T)` pattern and copied to the customers who share it.
///
/// What depends on `(x, T)` only — the expected purchases of a customer known to be alive (a
/// hypergeometric series) and `((α+T)/(α+T+t))^(r+x)`, the chance an alive customer stays quiet —
/// is computed once per distinct `(x, T)` pair; per pattern that leaves one `log1p` and one `exp`:
/// with `ℓ` the death log-odds (``BGNBDParameters/probabilityAlive(frequency:recency:T:)``),
/// `P(alive) = σ(−ℓ)` and `P(no purchase) = σ(ℓ) + σ(−ℓ)·((α+T)/(α+T+t))^(r+x)`, a sum of two
/// non-negative terms (no cancellation). On many patterns the passes run in two fixed halves on
/// two threads; each pattern's numbers come from the same operations on either thread, so the
/// results do not depend on the split or on timing.
public struct BGNBDPredictions: Sendable {
    /// The horizon the expected purchases count over, in days.
    public var horizonDays: Double
    /// Per customer, in input order.
    public var probabilityAlive: [Double]
    /// Expected repeat purchases in the next `horizonDays` days.
    public var expectedPurchases: [Double]
    /// `P(no purchase in the next horizonDays days)`: the BG/NBD's churn probability.
    public var probabilityNoPurchase: [Double]

    /// A pointer the two threads write through, each to its own entries.
    struct Output: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<Double>
        init(_ pointer: UnsafeMutablePointer<Double>) { self.pointer = pointer }
    }

    /// Patterns (or `(x, T)` pairs) above which a pass is split between two threads.
    static let parallelThreshold = 1 << 14

    /// Predictions for customers already grouped into patterns (computed once per pattern).
    public init(parameters: BGNBDParameters, patterns: PurchasePatterns, horizonDays: Double) {
        self.init(parameters: parameters, patterns: patterns, horizonDays: horizonDays, threads: 2)
    }

    /// `threads`: 1 computes everything on the calling thread, 2 splits large passes in two fixed halves.
    init(parameters: BGNBDParameters, patterns: PurchasePatterns, horizonDays: Double, threads: Int) {
        self.horizonDays = horizonDays
        let table = PairTable(parameters: parameters, patterns: patterns, horizonDays: horizonDays, threads: threads)
        let m = patterns.patternCount
        var alive = [Double](repeating: 0, count: m), purchases = alive, quiet = alive
        alive.withUnsafeMutableBufferPointer { aliveOut in
        purchases.withUnsafeMutableBufferPointer { purchasesOut in
        quiet.withUnsafeMutableBufferPointer { quietOut in
            let out = (Output(aliveOut.baseAddress!), Output(purchasesOut.baseAddress!), Output(quietOut.baseAddress!))
            Self.split(m, threads: threads) { range in
                Self.patternPass(range, parameters: parameters, patterns: patterns, table: table, horizonDays: horizonDays,
                                 alive: out.0.pointer, purchases: out.1.pointer, quiet: out.2.pointer)
            }
        }}}
        let customers = patterns.patternOfCustomer
        probabilityAlive = customers.map { alive[Int($0)] }
        expectedPurchases = customers.map { purchases[Int($0)] }
        probabilityNoPurchase = customers.map { quiet[Int($0)] }
    }

    /// Predictions for per-customer columns; throws when a column is not a valid history.
    public init(parameters: BGNBDParameters, frequency: [Double], recency: [Double], T: [Double], horizonDays: Double) throws {
        self.init(parameters: parameters, patterns: try PurchasePatterns(frequency: frequency, recency: recency, T: T), horizonDays: horizonDays)
    }

    /// Runs `body` over `0..<count`: in one piece, or in two fixed halves on two threads.
    static func split(_ count: Int, threads: Int, _ body: @Sendable (Range<Int>) -> Void) {
        guard threads > 1, count >= parallelThreshold else { return body(0..<count) }
        let half = count / 2
        DispatchQueue.concurrentPerform(iterations: 2) { t in body(t == 0 ? 0..<half : half..<count) }
    }

    /// Per pattern in `range`: P(alive), expected purchases and P(no purchase), written at the pattern's index.
    static func patternPass(_ range: Range<Int>, parameters p: BGNBDParameters, patterns: PurchasePatterns, table: PairTable,
                            horizonDays: Double, alive: UnsafeMutablePointer<Double>, purchases: UnsafeMutablePointer<Double>,
                            quiet: UnsafeMutablePointer<Double>) {
        for k in range {
            let jx = Int(patterns.frequencyIndex[k]), jT = Int(patterns.ageIndex[k])
            let x = patterns.frequencies[jx], t = patterns.recencies[Int(patterns.recencyIndex[k])], age = patterns.ages[jT]
            let (ifAlive, staysQuiet) = table.values(jx, jT)
            guard x > 0 else {
                alive[k] = 1
                purchases[k] = ifAlive
                quiet[k] = staysQuiet
                continue
            }
            // ℓ = log(a/(b+x−1)) + (r+x)·log1p((T−tₓ)/(α+tₓ)); σ(±ℓ) from one exp(−|ℓ|).
            let odds = table.logDropOutOdds[jx] + (p.r + x) * log1p((age - t) / (p.alpha + t))
            let e = exp(-abs(odds))
            let small = e / (1 + e), large = 1 / (1 + e)
            let probabilityAlive = odds >= 0 ? small : large
            alive[k] = probabilityAlive
            purchases[k] = ifAlive * probabilityAlive
            quiet[k] = (odds >= 0 ? large : small) + probabilityAlive * staysQuiet
        }
    }

    /// The `(x, T)` terms, once per distinct pair that some pattern has: a dense
    /// frequencies × ages table when it is small enough, otherwise computed per pattern.
    struct PairTable: @unchecked Sendable {
        let parameters: BGNBDParameters
        let horizonDays: Double
        let frequencies: [Double], ages: [Double]
        /// `log(a/(b+x−1))` per distinct frequency (unused at x = 0).
        let logDropOutOdds: [Double]
        /// Row-major frequencies × ages: expected purchases if alive, and `((α+T)/(α+T+t))^(r+x)`; nil: not tabulated.
        let ifAlive: [Double]?, staysQuiet: [Double]?

        /// Cells above which the pairs are not tabulated (8 M cells, 128 MiB for the two tables).
        static let maximumCells = 1 << 23

        init(parameters p: BGNBDParameters, patterns: PurchasePatterns, horizonDays: Double, threads: Int) {
            parameters = p
            self.horizonDays = horizonDays
            frequencies = patterns.frequencies
            ages = patterns.ages
            logDropOutOdds = patterns.frequencies.map { x in x > 0 ? log(p.a / (p.b + x - 1)) : 0 }
            let columns = patterns.ages.count, cells = patterns.frequencies.count * columns
            guard cells <= Self.maximumCells, cells <= patterns.patternCount * 4 else {
                ifAlive = nil
                staysQuiet = nil
                return
            }
            var used = [Bool](repeating: false, count: cells)
            for k in 0..<patterns.patternCount { used[Int(patterns.frequencyIndex[k]) * columns + Int(patterns.ageIndex[k])] = true }
            let pairs = used.indices.filter { used[$0] }
            var purchases = [Double](repeating: .nan, count: cells), quiet = purchases
            let (frequencies, ages) = (patterns.frequencies, patterns.ages)
            purchases.withUnsafeMutableBufferPointer { purchasesOut in
            quiet.withUnsafeMutableBufferPointer { quietOut in
                let out = (Output(purchasesOut.baseAddress!), Output(quietOut.baseAddress!))
                BGNBDPredictions.split(pairs.count, threads: threads) { range in
                    for i in range {
                        let cell = pairs[i]
                        let (e, q) = Self.compute(p, horizonDays: horizonDays, x: frequencies[cell / columns], T: ages[cell % columns])
                        out.0.pointer[cell] = e
                        out.1.pointer[cell] = q
                    }
                }
            }}
            ifAlive = purchases
            staysQuiet = quiet
        }

        /// Expected purchases if alive over the horizon, and the chance an alive customer makes none.
        static func compute(_ p: BGNBDParameters, horizonDays: Double, x: Double, T: Double) -> (Double, Double) {
            let purchases = horizonDays > 0 ? p.expectedPurchasesIfAlive(days: horizonDays, frequency: x, T: T) : 0
            return (purchases, exp(-(p.r + x) * log1p(horizonDays / (p.alpha + T))))
        }

        @inline(__always) func values(_ jx: Int, _ jT: Int) -> (Double, Double) {
            if let ifAlive, let staysQuiet {
                let cell = jx * ages.count + jT
                return (ifAlive[cell], staysQuiet[cell])
            }
            return Self.compute(parameters, horizonDays: horizonDays, x: frequencies[jx], T: ages[jT])
        }
    }
}
