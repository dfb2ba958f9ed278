import Foundation
import Testing
@testable import ChurnKit

/// Where lifetimes overflows or divides by zero (lifetimes #25, CLVTools #100): finite numbers.
struct BGNBDRobustnessTests {
    static let p = BGNBDParameters(r: 0.2516, alpha: 33.52, a: 0.7234, b: 2.161)

    /// Equation (10) with the hypergeometric series summed as printed (no transformation), for
    /// moderate x where it does not overflow: an independent check of the transformed series.
    static func direct(_ p: BGNBDParameters, t: Double, x: Double, recency: Double, T: Double) -> Double {
        let (a, b, c) = (p.r + x, p.b + x, p.a + p.b + x - 1)
        let z = t / (p.alpha + T + t)
        var term = 1.0, sum = 1.0
        for k in 0..<100_000 {
            let kd = Double(k)
            term *= (a + kd) * (b + kd) / ((c + kd) * (kd + 1)) * z
            sum += term
            if term < 1e-18 * sum { break }
        }
        let bracket = 1 - sum * pow((p.alpha + T) / (p.alpha + T + t), p.r + x)
        let alive = x > 0 ? 1 / (1 + p.a / (p.b + x - 1) * pow((p.alpha + T) / (p.alpha + recency), p.r + x)) : 1
        return (p.a + p.b + x - 1) / (p.a - 1) * bracket * alive
    }

    @Test(arguments: [(0.0, 0.0, 100.0), (1, 30, 200), (5, 150, 270), (40, 260, 270), (2, 10, 0.5 + 10)])
    func transformedSeriesEqualsTheDirectOne(x: Double, recency: Double, T: Double) {
        for t in [1.0, 30, 273, 2000] {
            let ours = Self.p.expectedPurchases(days: t, frequency: x, recency: recency, T: T)
            let direct = Self.direct(Self.p, t: t, x: x, recency: recency, T: T)
            #expect(isClose(ours, direct, absolute: 1e-13, relative: 1e-9), "x \(x) t \(t): \(ours) vs \(direct)")
        }
    }

    /// Large `a` (almost everyone drops out after a purchase) takes the untransformed series.
    @Test func largeAUsesTheDirectSeriesAndAgrees() {
        let q = BGNBDParameters(r: 0.3, alpha: 20, a: 40, b: 3)
        for (x, recency, T) in [(0.0, 0.0, 100.0), (3, 60, 90), (12, 80, 200)] {
            for t in [5.0, 273] {
                let ours = q.expectedPurchases(days: t, frequency: x, recency: recency, T: T)
                #expect(isClose(ours, Self.direct(q, t: t, x: x, recency: recency, T: T), absolute: 1e-14, relative: 1e-9))
            }
        }
    }

    @Test func tenThousandRepeatPurchasesGiveFiniteAnswers() {
        let (x, T) = (10_000.0, 3650.0)
        for recency in [3649.0, 3000, 100] {
            let alive = Self.p.probabilityAlive(frequency: x, recency: recency, T: T)
            let logAlive = Self.p.logProbabilityAlive(frequency: x, recency: recency, T: T)
            let expected = Self.p.expectedPurchases(days: 273, frequency: x, recency: recency, T: T)
            let quiet = Self.p.probabilityNoPurchase(days: 273, frequency: x, recency: recency, T: T)
            #expect(alive.isFinite && (0...1).contains(alive) && logAlive.isFinite && logAlive <= 0)
            #expect(expected.isFinite && expected >= 0)
            #expect(quiet.isFinite && (0...1).contains(quiet))
            // Never more than a customer who cannot die would buy: (r + x)/(α + T) per day.
            #expect(expected <= (Self.p.r + x) / (Self.p.alpha + T) * 273 * alive * (1 + 1e-12))
        }
        // A daily buyer who bought yesterday is alive and buys about 273·x/T in the next 273 days.
        let busy = Self.p.expectedPurchases(days: 273, frequency: x, recency: 3649, T: T)
        #expect(busy > 0.9 * 273 * x / T && busy < 1.01 * 273 * x / T, "\(busy)")
        // Silent for 3550 days after 10,000 purchases: dead beyond double precision, yet a finite log.
        #expect(Self.p.logProbabilityAlive(frequency: x, recency: 100, T: T) < -1000)
        #expect(Self.p.probabilityNoPurchase(days: 273, frequency: x, recency: 100, T: T) == 1)
    }

    @Test func ageZeroAndRecencyEqualToAge() {
        // First purchase on the cut-off day.
        #expect(Self.p.probabilityAlive(frequency: 0, recency: 0, T: 0) == 1)
        let newcomer = Self.p.expectedPurchases(days: 273, frequency: 0, recency: 0, T: 0)
        #expect(isClose(newcomer, Self.p.expectedPurchasesOfNewCustomer(days: 273)))
        #expect(newcomer.isFinite && newcomer > 0)
        #expect(isClose(Self.p.probabilityNoPurchase(days: 273, frequency: 0, recency: 0, T: 0),
                        pow(Self.p.alpha / (Self.p.alpha + 273), Self.p.r), absolute: 0, relative: 1e-14))
        // Repeat purchases, the last one on the cut-off day: P(alive) = 1/(1 + a/(b + x − 1)).
        for x in [1.0, 3, 500] {
            let alive = Self.p.probabilityAlive(frequency: x, recency: 90, T: 90)
            #expect(isClose(alive, 1 / (1 + Self.p.a / (Self.p.b + x - 1)), absolute: 0, relative: 1e-14))
            #expect(Self.p.expectedPurchases(days: 273, frequency: x, recency: 90, T: 90).isFinite)
        }
        // Zero horizon: nothing expected, no purchase certain.
        #expect(Self.p.expectedPurchases(days: 0, frequency: 3, recency: 10, T: 20) == 0)
        #expect(Self.p.probabilityNoPurchase(days: 0, frequency: 3, recency: 10, T: 20) == 1)
    }

    @Test func aEqualToOneHasTheLimitNotADivisionByZero() {
        var q = Self.p
        q.a = 1
        let atOne = q.expectedPurchases(days: 273, frequency: 2, recency: 50, T: 200)
        q.a = 1 + 1e-7
        let near = q.expectedPurchases(days: 273, frequency: 2, recency: 50, T: 200)
        #expect(atOne.isFinite && isClose(atOne, near, absolute: 0, relative: 1e-6))
    }

    @Test func singleRepeatBuyerAndExtremeDataFitToFiniteNumbers() throws {
        // One repeat buyer among one-time buyers.
        var frequency = [Double](repeating: 0, count: 50), recency = frequency
        let T = (0..<50).map { Double(100 + $0) }
        frequency[7] = 1
        recency[7] = 40
        let fit = try BGNBDFitter().fit(frequency: frequency, recency: recency, T: T)
        #expect(fit.logLikelihood.isFinite)
        #expect(BGNBDRobustnessTests.values(fit.parameters).allSatisfy { $0.isFinite && $0 > 0 })
        let predictions = try BGNBDPredictions(parameters: fit.parameters, frequency: frequency, recency: recency, T: T, horizonDays: 273)
        #expect(predictions.probabilityAlive.allSatisfy(\.isFinite) && predictions.expectedPurchases.allSatisfy(\.isFinite)
                && predictions.probabilityNoPurchase.allSatisfy(\.isFinite))
        // A customer with 10,000 purchases, one of age 0 and one who bought on the cut-off day, in one fit.
        let heavy = try BGNBDFitter().fit(frequency: [10_000, 0, 3, 0, 1, 2], recency: [3600, 0, 50, 0, 20, 30], T: [3650, 0, 50, 10, 40, 300])
        #expect(heavy.logLikelihood.isFinite)
        #expect(BGNBDRobustnessTests.values(heavy.parameters).allSatisfy { $0.isFinite && $0 > 0 })
    }

    static func values(_ p: BGNBDParameters) -> [Double] { [p.r, p.alpha, p.a, p.b] }

    @Test func gammaGammaSingleRepeatBuyerAndLifetimeValue() throws {
        let fit = try GammaGammaFitter().fit(frequency: [0, 3, 0], monetaryValue: [0, 25, 0])
        #expect(fit.customers == 1)
        #expect([fit.parameters.p, fit.parameters.q, fit.parameters.v].allSatisfy { $0.isFinite })
        #expect(throws: BuyTillYouDieError.self) { try GammaGammaFitter().fit(frequency: [0, 0], monetaryValue: [0, 0]) }
        let spend = GammaGammaParameters(p: 6.25, q: 3.74, v: 15.4)
        let value = LifetimeValueForecast().value(purchases: Self.p, spend: spend, frequency: 10_000, recency: 3649, T: 3650, monetaryValue: 30)
        #expect(value.isFinite && value > 0)
        // With no discount, CLV = spend × expected purchases over months × 30 days.
        let undiscounted = LifetimeValueForecast(months: 6, discountRate: 0).discountedPurchases(Self.p, frequency: 4, recency: 100, T: 200)
        #expect(isClose(undiscounted, Self.p.expectedPurchases(days: 180, frequency: 4, recency: 100, T: 200), absolute: 0, relative: 1e-12))
    }
}
