import Foundation
import Testing
@testable import ChurnKit

struct RetentionFormulasTests {
    /// The textbook examples: (E − N) / S × 100.
    @Test func textbookRetentionRates() throws {
        #expect(RetentionFormulas.retentionRate(start: 20, new: 5, end: 24) == 95)
        let second = try #require(RetentionFormulas.retentionRate(start: 44, new: 12, end: 43))
        #expect(isClose(second, 70.45, absolute: 0.005, relative: 0))
        #expect(isClose(second, 3100.0 / 44))
    }

    @Test func zeroDenominatorsAreUndefinedNotZero() {
        #expect(RetentionFormulas.retentionRate(start: 0, new: 3, end: 3) == nil)
        #expect(RetentionFormulas.churnRate(lost: 0, start: 0) == nil)
        #expect(RetentionFormulas.repeatPurchaseRate(repeatCustomers: 0, customers: 0) == nil)
        #expect(RetentionFormulas.purchaseFrequency(orders: 0, customers: 0) == nil)
        #expect(RetentionFormulas.averageOrderValue(revenue: -5, orders: 0) == nil)
        #expect(RetentionFormulas.revenueShare(3, of: 0) == nil)
        #expect(RetentionFormulas.revenueShare(3, of: -2) == nil)
    }

    @Test func otherRates() {
        #expect(RetentionFormulas.churnRate(lost: 5, start: 20) == 25)
        #expect(RetentionFormulas.repeatPurchaseRate(repeatCustomers: 1, customers: 4) == 25)
        #expect(RetentionFormulas.purchaseFrequency(orders: 6, customers: 4) == 1.5)
        #expect(RetentionFormulas.averageOrderValue(revenue: 57, orders: 6) == 9.5)
        #expect(RetentionFormulas.revenueShare(30, of: 120) == 25)
    }

    @Test func lifetimeValue() throws {
        let plain = CustomerLifetimeValue()
        #expect(plain.expectedLifetime(churnRate: 0.25) == 4)
        #expect(plain.predicted(averageOrderValue: 50, purchaseFrequency: 2, churnRate: 0.25) == 400)
        #expect(plain.expectedLifetime(churnRate: 0) == nil)
        #expect(plain.predicted(averageOrderValue: nil, purchaseFrequency: 2, churnRate: 0.25) == nil)
        // Discounted: Σ_{t≥0} (0.75 / 1.1)^t = 1.1 / 0.35.
        let discounted = CustomerLifetimeValue(margin: 0.3, discountRate: 0.1)
        let lifetime = try #require(discounted.expectedLifetime(churnRate: 0.25))
        let series = (0..<2000).reduce(0.0) { sum, t in sum + pow(0.75 / 1.1, Double(t)) }
        #expect(isClose(lifetime, series))
        #expect(isClose(discounted.predicted(averageOrderValue: 50, purchaseFrequency: 2, churnRate: 0.25)!, 0.3 * 100 * 1.1 / 0.35))
        #expect(CustomerLifetimeValue(discountRate: 0.05).expectedLifetime(churnRate: 0) == 21)
        #expect(CustomerLifetimeValue.historical(totalRevenue: 57, customers: 4) == 14.25)
        #expect(CustomerLifetimeValue.historical(totalRevenue: 57, customers: 0) == nil)
    }
}
