import Testing
@testable import ChurnKit

/// Gradient, Hessian and Hessian-vector products against central finite differences, over
/// fit_intercept × sample weights × L2.
struct LogisticObjectiveTests {
    static let cases: [(Bool, Bool, Double)] = [true, false].flatMap { intercept in
        [true, false].flatMap { weighted in [0.0, 0.7].map { l1Ratio in (intercept, weighted, l1Ratio) } }
    }

    func objective(intercept: Bool, weighted: Bool, l1Ratio: Double, threads: Int = 1) -> LogisticObjective {
        let data = TrainingFixtures.problem(rows: 300, features: 3)
        // l1Ratio 0.7 leaves an L2 strength of 0.3; the L1 part is not in f.
        return LogisticObjective(features: data.x, labels: data.y, sampleWeights: weighted ? data.w : nil, C: 0.8,
                                 l1Ratio: l1Ratio, fitIntercept: intercept, threads: threads)
    }

    @Test(arguments: cases)
    func derivativesMatchFiniteDifferences(intercept: Bool, weighted: Bool, l1Ratio: Double) {
        let f = objective(intercept: intercept, weighted: weighted, l1Ratio: l1Ratio)
        let q = f.parameterCount
        let theta = (0..<q).map { 0.3 * Double($0) - 0.4 }
        var gradient: [Double] = [], hessian: [Double] = []
        let value = f.valueGradientHessian(at: theta, gradient: &gradient, hessian: &hessian)
        #expect(isClose(value, f.value(at: theta), relative: 1e-13))
        var g2 = [Double](repeating: 0, count: q)
        #expect(isClose(f.valueAndGradient(at: theta, gradient: &g2), value, relative: 1e-13))
        let h = 1e-5
        for j in 0..<q {
            var plus = theta, minus = theta
            plus[j] += h
            minus[j] -= h
            let numeric = (f.value(at: plus) - f.value(at: minus)) / (2 * h)
            #expect(isClose(gradient[j], numeric, absolute: 1e-6, relative: 1e-7), "gradient \(j)")
            #expect(isClose(g2[j], gradient[j], relative: 1e-12))
            var gp = [Double](repeating: 0, count: q), gm = [Double](repeating: 0, count: q)
            _ = f.valueAndGradient(at: plus, gradient: &gp)
            _ = f.valueAndGradient(at: minus, gradient: &gm)
            for k in 0..<q {
                let numericHessian = (gp[k] - gm[k]) / (2 * h)
                #expect(isClose(hessian[k * q + j], numericHessian, absolute: 1e-6, relative: 1e-6), "hessian \(k),\(j)")
            }
        }
        let v = (0..<q).map { Double($0 % 2 == 0 ? 1 : -2) * 0.5 }
        var hv = [Double](repeating: 0, count: q)
        f.hessianVectorProduct(at: theta, v, result: &hv)
        for k in 0..<q {
            var expected = 0.0
            for j in 0..<q { expected += hessian[k * q + j] * v[j] }
            #expect(isClose(hv[k], expected, absolute: 1e-9, relative: 1e-10))
        }
    }

    /// Two cores give the same numbers as one (up to summation order).
    @Test func threadedEvaluationMatchesSingleThread() {
        let data = TrainingFixtures.problem(rows: 5000, features: 5)
        let one = LogisticObjective(features: data.x, labels: data.y, sampleWeights: data.w, threads: 1)
        let two = LogisticObjective(features: data.x, labels: data.y, sampleWeights: data.w, threads: 2)
        let theta: [Double] = [0.1, -0.2, 0.3, 0.05, -0.1, 0.2]
        var g1: [Double] = [], g2: [Double] = [], h1: [Double] = [], h2: [Double] = []
        let v1 = one.valueGradientHessian(at: theta, gradient: &g1, hessian: &h1)
        let v2 = two.valueGradientHessian(at: theta, gradient: &g2, hessian: &h2)
        #expect(isClose(v1, v2, relative: 1e-13))
        for j in 0..<g1.count { #expect(isClose(g1[j], g2[j], absolute: 1e-10, relative: 1e-12)) }
        for k in 0..<h1.count { #expect(isClose(h1[k], h2[k], absolute: 1e-10, relative: 1e-12)) }
    }

    /// The loss stays finite and accurate far out in the tails, where log(sigmoid(z)) fails.
    @Test func stableLoss() {
        #expect(LogisticLoss.loss(label: 1, linear: 800) == 0)
        #expect(isClose(LogisticLoss.loss(label: 0, linear: 800), 800))
        #expect(isClose(LogisticLoss.loss(label: 1, linear: -800), 800))
        #expect(isClose(LogisticLoss.loss(label: 1, linear: 40), 4.248354255291589e-18, relative: 1e-12))
        #expect(LogisticLoss.sigmoid(-800) == 0 && LogisticLoss.sigmoid(800) == 1)
    }

    @Test func stochasticGradientOverAllRowsIsTheGradient() {
        let f = objective(intercept: true, weighted: true, l1Ratio: 0)
        let theta = [0.2, -0.1, 0.4, 0.3]
        var full: [Double] = [0, 0, 0, 0], stochastic: [Double] = []
        _ = f.valueAndGradient(at: theta, gradient: &full)
        f.stochasticGradient(at: theta, rows: Array(0..<f.sampleCount)[...], gradient: &stochastic)
        for j in 0..<4 { #expect(isClose(full[j], stochastic[j], relative: 1e-12)) }
    }
}
