import Foundation
import Testing
@testable import ChurnKit

struct SpecialFunctionsTests {
    @Test func digammaAndTrigammaKnownValues() {
        let eulerGamma = 0.57721566490153286
        #expect(isClose(SpecialFunctions.digamma(1), -eulerGamma, absolute: 0, relative: 1e-14))
        #expect(isClose(SpecialFunctions.digamma(0.5), -eulerGamma - 2 * log(2.0), absolute: 0, relative: 1e-14))
        #expect(isClose(SpecialFunctions.trigamma(1), Double.pi * Double.pi / 6, absolute: 0, relative: 1e-14))
        #expect(isClose(SpecialFunctions.trigamma(0.5), Double.pi * Double.pi / 2, absolute: 0, relative: 1e-14))
        // ψ(x + n) − ψ(x) = Σ 1/(x + k).
        let x = 0.37
        let sum = (0..<10_000).reduce(0.0) { $0 + 1 / (x + Double($1)) }
        #expect(isClose(SpecialFunctions.digamma(x + 10_000) - SpecialFunctions.digamma(x), sum, absolute: 0, relative: 1e-13))
    }

    @Test(arguments: [1e-3, 0.2, 1, 3.7, 6, 25, 1e4])
    func derivativesMatchFiniteDifferences(x: Double) {
        let h = 1e-5 * max(x, 1e-2)
        let numericDigamma = (SpecialFunctions.logGamma(x + h) - SpecialFunctions.logGamma(x - h)) / (2 * h)
        #expect(isClose(SpecialFunctions.digamma(x), numericDigamma, absolute: 1e-7, relative: 1e-7))
        let numericTrigamma = (SpecialFunctions.digamma(x + h) - SpecialFunctions.digamma(x - h)) / (2 * h)
        #expect(isClose(SpecialFunctions.trigamma(x), numericTrigamma, absolute: 1e-7, relative: 1e-6))
    }

    @Test func stableLogSpacePrimitives() {
        #expect(SpecialFunctions.softplus(1000) == 1000)
        #expect(isClose(SpecialFunctions.softplus(-1000), 0, absolute: 1e-300))
        #expect(isClose(SpecialFunctions.logSumExp(1000, 1000), 1000 + log(2.0)))
        #expect(SpecialFunctions.logSumExp(-.infinity, -.infinity) == -.infinity)
        #expect(SpecialFunctions.sigmoid(-700) > 0 && SpecialFunctions.sigmoid(800) == 1)
    }
}
