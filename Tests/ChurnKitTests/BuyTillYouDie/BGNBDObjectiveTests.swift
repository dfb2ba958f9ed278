import Foundation
import Testing
@testable import ChurnKit

/// The analytic gradient and Hessian against central finite differences, and the compressed
/// likelihood against a plain per-customer one.
struct BGNBDObjectiveTests {
    static let frequency: [Double] = [0, 0, 1, 2, 2, 7, 0, 3, 1, 12, 2, 0]
    static let recency: [Double] = [0, 0, 20, 35, 35, 80, 0, 60, 5, 99, 70, 0]
    static let T: [Double] = [100, 40, 60, 90, 90, 100, 7, 64, 30, 100, 70, 0]

    /// The log-likelihood of one customer in days, written directly from Fader, Hardie and Lee (2005).
    static func naiveLogLikelihood(_ p: BGNBDParameters, _ x: Double, _ t: Double, _ age: Double) -> Double {
        let a1 = lgamma(p.r + x) - lgamma(p.r) + p.r * log(p.alpha)
        let a2 = lgamma(p.a + p.b) + lgamma(p.b + x) - lgamma(p.b) - lgamma(p.a + p.b + x)
        let a3 = -(p.r + x) * log(p.alpha + age)
        guard x > 0 else { return a1 + a2 + a3 }
        let a4 = log(p.a) - log(p.b + x - 1) - (p.r + x) * log(p.alpha + t)
        return a1 + a2 + log(exp(a3) + exp(a4))
    }

    func objective(penalizer: Double = 0) throws -> BGNBDObjective {
        try BGNBDObjective(patterns: PurchasePatterns(frequency: Self.frequency, recency: Self.recency, T: Self.T), penalizerCoef: penalizer)
    }

    @Test(arguments: [0.0, 0.05])
    func gradientAndHessianMatchFiniteDifferences(penalizer: Double) throws {
        let f = try objective(penalizer: penalizer)
        for theta in [[0.1, 0.1, 0.1, 0.1], [-1.3, -2.0, -0.4, 0.8], [0.5, 1.0, 1.2, -0.6]] {
            var gradient = [Double](repeating: 0, count: 4), hessian = [Double](repeating: 0, count: 16)
            let value = f.valueGradientHessian(at: theta, gradient: &gradient, hessian: &hessian)
            #expect(isClose(value, f.value(at: theta), absolute: 0, relative: 1e-14))
            let h = 1e-5
            for i in 0..<4 {
                var plus = theta, minus = theta
                plus[i] += h
                minus[i] -= h
                #expect(isClose(gradient[i], (f.value(at: plus) - f.value(at: minus)) / (2 * h), absolute: 1e-8, relative: 1e-6), "∂F/∂θ\(i)")
                var gPlus = gradient, gMinus = gradient
                _ = f.valueAndGradient(at: plus, gradient: &gPlus)
                _ = f.valueAndGradient(at: minus, gradient: &gMinus)
                for j in 0..<4 {
                    #expect(isClose(hessian[i * 4 + j], (gPlus[j] - gMinus[j]) / (2 * h), absolute: 1e-7, relative: 1e-5), "H[\(i),\(j)]")
                    #expect(hessian[i * 4 + j] == hessian[j * 4 + i])
                }
            }
        }
    }

    @Test func compressedLikelihoodEqualsThePerCustomerSumInDays() throws {
        let f = try objective()
        let p = BGNBDParameters(r: 0.3, alpha: 25, a: 0.8, b: 2.5)
        let naive = (0..<Self.frequency.count).reduce(0.0) { $0 + Self.naiveLogLikelihood(p, Self.frequency[$1], Self.recency[$1], Self.T[$1]) }
        #expect(isClose(f.logLikelihood(p), naive, absolute: 0, relative: 1e-12))
    }

    @Test func stochasticGradientOverAllRowsIsTheGradient() throws {
        let f = try objective()
        let theta = [0.2, -0.5, 0.1, 0.7]
        var full = [Double](repeating: 0, count: 4), sampled = full
        _ = f.valueAndGradient(at: theta, gradient: &full)
        f.stochasticGradient(at: theta, rows: ArraySlice(0..<f.sampleCount), gradient: &sampled)
        for i in 0..<4 { #expect(isClose(full[i], sampled[i], absolute: 1e-14, relative: 1e-12)) }
    }

    /// Above 65,536 patterns a full pass runs in two halves on two threads: the same numbers as
    /// the sequential sum (the stochastic path over every row) and the per-customer formula.
    @Test func twoThreadPassEqualsTheSequentialOne() throws {
        var frequency: [Double] = [], recency: [Double] = [], T: [Double] = []
        for age in 0..<500 {
            for x in 0..<160 {
                frequency.append(Double(x))
                T.append(Double(age))
                recency.append(x == 0 ? 0 : Double((x * 37 + age) % (age + 1)))
            }
        }
        let patterns = try PurchasePatterns(frequency: frequency, recency: recency, T: T)
        #expect(patterns.patternCount > BGNBDObjective.parallelThreshold)
        let f = BGNBDObjective(patterns: patterns)
        let theta = [-0.8, -2.5, 0.3, 0.9]
        var parallel = [Double](repeating: 0, count: 4), sequential = parallel
        _ = f.valueAndGradient(at: theta, gradient: &parallel)
        f.stochasticGradient(at: theta, rows: ArraySlice(0..<f.sampleCount), gradient: &sequential)
        for i in 0..<4 { #expect(isClose(parallel[i], sequential[i], absolute: 1e-13, relative: 1e-11)) }
        let p = f.parameters(theta)
        let naive = (0..<frequency.count).reduce(0.0) { $0 + Self.naiveLogLikelihood(p, frequency[$1], recency[$1], T[$1]) }
        #expect(isClose(f.logLikelihood(p), naive, absolute: 0, relative: 1e-11))
    }
}
