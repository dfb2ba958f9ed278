import Testing
@testable import ChurnKit

struct OutreachSelectionTests {
    /// Five customers; with save rate 0.5 and cost 10 the net gains p·v·0.5 − 10 are
    /// a: 0.9·100·0.5−10 = 35, b: 0.8·20·0.5−10 = −2, c: 0.6·200·0.5−10 = 50, d: 0.5·50·0.5−10 = 2.5,
    /// e: 0.3·100·0.5−10 = 5.
    let list = RiskList(scored: [
        ScoringFixtures.customer("a", 0.9, spend: 100), ScoringFixtures.customer("b", 0.8, spend: 20),
        ScoringFixtures.customer("c", 0.6, spend: 200), ScoringFixtures.customer("d", 0.5, spend: 50),
        ScoringFixtures.customer("e", 0.3, spend: 100),
    ], modelID: "m", scoredAt: "t")

    func ids(_ result: OutreachSelection.Result) -> [String] { result.indices.map { list.rows[$0].customerID } }

    @Test func budgetPicksHighestNetGainAndStopsAtNonPositiveGain() {
        let budget = OutreachSelection.Budget(total: 1000, contactCost: 10, saveRate: 0.5)
        let result = OutreachSelection(budget: budget).select(list)
        // b's gain is negative: never selected even though the budget allows it. Rows stay in rank order.
        #expect(ids(result) == ["a", "c", "d", "e"])
        let gains = try! #require(result.netGains)
        for (expected, got) in zip([35.0, 50, 2.5, 5], gains) { #expect(isClose(expected, got)) }
        #expect(result.spent == 40)
        #expect(isClose(result.totalNetGain!, 92.5))
    }

    @Test func budgetLimitsContactsToWhatItPays() {
        // 25 pays for two contacts: the two largest gains, c (50) and a (35).
        let result = OutreachSelection(budget: .init(total: 25, contactCost: 10, saveRate: 0.5)).select(list)
        #expect(ids(result) == ["a", "c"])
        #expect(result.spent == 20)
        // --top caps the count too; --min-probability filters first (c and d are below 0.65).
        #expect(ids(OutreachSelection(top: 1, budget: .init(total: 1000, contactCost: 10, saveRate: 0.5)).select(list)) == ["c"])
        #expect(ids(OutreachSelection(minProbability: 0.65, budget: .init(total: 1000, contactCost: 10, saveRate: 0.5)).select(list)) == ["a"])
    }

    @Test func zeroGainIsNotSelected() {
        // d's gain: 0.5·50·0.4 − 10 = 0 exactly.
        let result = OutreachSelection(budget: .init(total: 1000, contactCost: 10, saveRate: 0.4)).select(list)
        #expect(!ids(result).contains("d"))
        // a: 26, c: 38, e: 0.3·100·0.4 − 10 = 2 (all positive); b: −3.6.
        #expect(ids(result) == ["a", "c", "e"])
    }

    @Test func topAndMinProbability() {
        #expect(ids(OutreachSelection(top: 2).select(list)) == ["a", "b"])
        #expect(ids(OutreachSelection(minProbability: 0.6).select(list)) == ["a", "b", "c"])
        #expect(ids(OutreachSelection(top: 2, minProbability: 0.85).select(list)) == ["a"])
        #expect(ids(OutreachSelection().select(list)) == ["a", "b", "c", "d", "e"])
        #expect(OutreachSelection(top: 0).select(list).indices.isEmpty)
    }

    @Test func customersWithoutValueAreNeverWorthAContact() {
        let noValue = RiskList(scored: [ScoringFixtures.customer("x", 0.99)], modelID: "m", scoredAt: "t")
        #expect(OutreachSelection(budget: .init(total: 100, contactCost: 1, saveRate: 1)).select(noValue).indices.isEmpty)
    }

    @Test func rejectsBadSettings() {
        #expect(throws: ParameterError.self) { try OutreachSelection(minProbability: 1.5).validated() }
        #expect(throws: ParameterError.self) { try OutreachSelection(budget: .init(total: 10, contactCost: 1, saveRate: 2)).validated() }
        #expect(throws: ParameterError.self) { try OutreachSelection(top: -1).validated() }
    }
}
