import Testing
@testable import ChurnKit

struct RiskListTests {
    @Test func ranksByProbabilityDescending() {
        let list = RiskList(scored: [ScoringFixtures.customer("a", 0.2), ScoringFixtures.customer("b", 0.9),
                                     ScoringFixtures.customer("c", 0.5), ScoringFixtures.customer("d", 0.7)],
                            modelID: "m", scoredAt: "t")
        #expect(list.rows.map(\.customerID) == ["b", "d", "c", "a"])
    }

    @Test func breaksTiesByCustomerIDNumbersFirst() {
        let ids = ["b", "10", "9", "007", "7", "a", "B", "100"]
        let list = RiskList(scored: ids.map { ScoringFixtures.customer($0, 0.5) } + [ScoringFixtures.customer("z", 0.6)],
                            modelID: "m", scoredAt: "t")
        #expect(list.rows.map(\.customerID) == ["z", "007", "7", "9", "10", "100", "B", "a", "b"])
        // The order does not depend on the input order.
        let reversed = RiskList(scored: list.rows.reversed(), modelID: "m", scoredAt: "t")
        #expect(reversed.rows.map(\.customerID) == list.rows.map(\.customerID))
    }

    @Test func customerIDOrderIsATotalOrder() {
        // The mixed comparisons that would cycle if numeric and text order were mixed pairwise.
        let ids = ["2", "10", "1a", "01", "1", "", "x"]
        for a in ids {
            #expect(!CustomerIDOrder.precedes(a, a))
            for b in ids where a != b {
                #expect(CustomerIDOrder.precedes(a, b) != CustomerIDOrder.precedes(b, a), "\(a) vs \(b)")
                for c in ids where CustomerIDOrder.precedes(a, b) && CustomerIDOrder.precedes(b, c) {
                    #expect(CustomerIDOrder.precedes(a, c), "\(a) < \(b) < \(c)")
                }
            }
        }
    }

    @Test func decilesFollowTheGainsTableConvention() {
        // n = 25: decile d holds ranked rows ⌊(d−1)·25/10⌋ ..< ⌊d·25/10⌋.
        let n = 25
        for d in 1...10 {
            for k in ((d - 1) * n / 10)..<(d * n / 10) { #expect(RiskDecile.decile(rankIndex: k, count: n) == d) }
        }
        #expect(RiskDecile.decile(rankIndex: 0, count: 10) == 1)
        #expect(RiskDecile.decile(rankIndex: 9, count: 10) == 10)
        #expect(RiskDecile.decile(rankIndex: 0, count: 1) == 10)
    }

    @Test func probabilityBandEdgesBelongToTheHigherBand() {
        let bands = RiskBands.defaultProbability
        #expect(bands.band(probability: 0.7, rankIndex: 0, count: 1) == .high)
        #expect(bands.band(probability: 0.7.nextDown, rankIndex: 0, count: 1) == .medium)
        #expect(bands.band(probability: 0.4, rankIndex: 0, count: 1) == .medium)
        #expect(bands.band(probability: 0.4.nextDown, rankIndex: 0, count: 1) == .low)
        #expect(bands.band(probability: 1, rankIndex: 0, count: 1) == .high)
        #expect(bands.band(probability: 0, rankIndex: 0, count: 1) == .low)
        let custom = RiskBands.probability(high: 0.5, medium: 0.5)
        #expect(custom.band(probability: 0.5, rankIndex: 0, count: 1) == .high)
        #expect(custom.band(probability: 0.49, rankIndex: 0, count: 1) == .low)
    }

    @Test func rankBandsCutAtFlooredCounts() {
        let bands = RiskBands.defaultRank
        // n = 25: ⌊2.5⌋ = 2 high, up to ⌊7.5⌋ = 7 medium.
        let got = (0..<25).map { bands.band(probability: 0.01, rankIndex: $0, count: 25) }
        #expect(got == [RiskBand](repeating: .high, count: 2) + [RiskBand](repeating: .medium, count: 5) + [RiskBand](repeating: .low, count: 18))
        let list = RiskList(scored: (0..<25).map { ScoringFixtures.customer(String($0), 0.9) }, modelID: "m", scoredAt: "t", bands: bands)
        #expect(list.bandCounts == [.high: 2, .medium: 5, .low: 18])
    }

    @Test func rejectsBadThresholds() {
        #expect(throws: FeatureError.self) { try RiskBands.probability(high: 0.4, medium: 0.7).validated() }
        #expect(throws: FeatureError.self) { try RiskBands.rank(high: 1.2, medium: 0.3).validated() }
        #expect(throws: FeatureError.self) { try RiskBands.rank(high: 0.3, medium: 0.1).validated() }
        #expect(throws: Never.self) { try RiskBands.probability(high: 0.7, medium: 0.4).validated() }
        #expect(throws: Never.self) { try RiskBands.rank(high: 0.1, medium: 0.3).validated() }
    }
}
