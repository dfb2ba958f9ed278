import Foundation
import Testing
@testable import ChurnKit

/// The large-data paths (two-thread passes, the `(x, T)` table of the predictions, the fit that
/// starts from a sample) against the plain ones, on a seeded BG/NBD history with more patterns
/// than every threshold.
struct BGNBDLargeDataTests {
    /// 150,000 customers of a BG/NBD process (rates from a gamma-like spread, drop-out after each
    /// purchase), ages of 30–729 days, times in whole days: ~100k distinct (x, tₓ, T).
    static let history: (frequency: [Double], recency: [Double], T: [Double]) = {
        var generator = SeededGenerator(seed: 15)
        func uniform() -> Double { Double(generator.next() >> 11) * 0x1p-53 }
        var frequency: [Double] = [], recency: [Double] = [], T: [Double] = []
        for _ in 0..<150_000 {
            let age = (30 + 700 * uniform()).rounded(.down)
            let rate = exp(-3.5 + 1.2 * (uniform() + uniform() + uniform() - 1.5))    // purchases per day
            let dropOut = 0.02 + 0.3 * uniform() * uniform()
            var time = 0.0, last = 0.0, purchases = 0
            while true {
                time += -log(1 - uniform()) / rate
                guard time <= age else { break }
                purchases += 1
                last = time
                guard uniform() >= dropOut else { break }
            }
            frequency.append(Double(purchases))
            recency.append(purchases == 0 ? 0 : last.rounded(.down))
            T.append(age)
        }
        return (frequency, recency, T)
    }()

    static func patterns() throws -> PurchasePatterns {
        try PurchasePatterns(frequency: history.frequency, recency: history.recency, T: history.T)
    }

    @Test func theDataCrossesEveryThreshold() throws {
        let patterns = try Self.patterns()
        #expect(patterns.patternCount >= BGNBDFitter.sampledStartThreshold)
        #expect(patterns.patternCount >= BGNBDObjective.parallelThreshold)
        #expect(patterns.patternCount >= BGNBDPredictions.parallelThreshold)
    }

    /// Two evaluations at the same point give the same bits (a fixed split, partial sums added
    /// in a fixed order), and the two-thread pass equals the one-thread sum to 1e-12 relative
    /// (only the order of the additions differs).
    @Test func twoThreadObjectiveIsDeterministicAndEqualsTheOneThreadSum() throws {
        let f = BGNBDObjective(patterns: try Self.patterns())
        let theta = [-0.3, -1.9, 0.2, 1.4]
        var first = [Double](repeating: 0, count: 4), second = first, oneThread = first
        let v1 = f.valueAndGradient(at: theta, gradient: &first)
        let v2 = f.valueAndGradient(at: theta, gradient: &second)
        #expect(v1.bitPattern == v2.bitPattern)
        #expect(first.map(\.bitPattern) == second.map(\.bitPattern))
        f.stochasticGradient(at: theta, rows: ArraySlice(0..<f.sampleCount), gradient: &oneThread)
        for i in 0..<4 { #expect(isClose(first[i], oneThread[i], absolute: 1e-14, relative: 1e-12)) }
    }

    /// Two threads and the `(x, T)` table give the same bits as one thread, and the per-customer
    /// formulas: P(alive) and expected purchases bit for bit (the same operations), P(no purchase)
    /// to 1e-14 relative (σ(ℓ) + σ(−ℓ)·q instead of the log-sum-exp).
    @Test func predictionsEqualThePerCustomerFormulas() throws {
        let patterns = try Self.patterns()
        let p = BGNBDParameters(r: 0.8, alpha: 30, a: 0.9, b: 6)
        let two = BGNBDPredictions(parameters: p, patterns: patterns, horizonDays: 181, threads: 2)
        let one = BGNBDPredictions(parameters: p, patterns: patterns, horizonDays: 181, threads: 1)
        #expect(two.probabilityAlive.map(\.bitPattern) == one.probabilityAlive.map(\.bitPattern))
        #expect(two.expectedPurchases.map(\.bitPattern) == one.expectedPurchases.map(\.bitPattern))
        #expect(two.probabilityNoPurchase.map(\.bitPattern) == one.probabilityNoPurchase.map(\.bitPattern))
        let (frequency, recency, T) = Self.history
        var worst = 0.0
        for i in stride(from: 0, to: frequency.count, by: 7) {
            let (x, t, age) = (frequency[i], recency[i], T[i])
            #expect(two.probabilityAlive[i] == p.probabilityAlive(frequency: x, recency: t, T: age))
            #expect(two.expectedPurchases[i] == p.expectedPurchases(days: 181, frequency: x, recency: t, T: age))
            let quiet = p.probabilityNoPurchase(days: 181, frequency: x, recency: t, T: age)
            worst = max(worst, abs(two.probabilityNoPurchase[i] - quiet) / quiet)
        }
        #expect(worst <= 1e-14)
    }

    /// The fit from a sampled start reaches the optimum of the plain L-BFGS fit from lifetimes'
    /// start (the same stopping rule), both converged.
    @Test func sampledStartReachesThePlainOptimum() throws {
        let patterns = try Self.patterns()
        let sampled = try BGNBDFitter().fit(patterns)
        let objective = BGNBDObjective(patterns: patterns)
        let plain = Solver.lbfgs.trainer.minimize(objective, from: BGNBDFitter.defaultStart,
                                                  settings: SolverSettings(maxIterations: 2000, tolerance: 1e-10, historySize: 10))
        #expect(sampled.optimization.converged && plain.converged)
        #expect(sampled.optimization.message.contains("sampled patterns"))
        let a = sampled.parameters, b = objective.parameters(plain.parameters)
        for (x, y) in [(a.r, b.r), (a.alpha, b.alpha), (a.a, b.a), (a.b, b.b)] {
            #expect(isClose(x, y, absolute: 0, relative: 1e-7))
        }
        #expect(sampled.objective <= plain.objective + 1e-13)
    }
}
