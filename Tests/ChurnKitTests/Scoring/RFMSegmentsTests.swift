import Testing
@testable import ChurnKit

struct RFMSegmentsTests {
    @Test func quintileScoresShareTiesAndIgnoreRowOrder() {
        // n = 10: b strictly smaller values → 1 + ⌊5b/10⌋.
        #expect(RFMSegments.quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        // Six zeros tie at score 1; the next value has b = 6 → 4.
        #expect(RFMSegments.quintileScores([0, 5, 0, 0, 9, 0, 0, 7, 0, 5]) == [1, 4, 1, 1, 5, 1, 1, 5, 1, 4])
        #expect(RFMSegments.quintileScores([3]) == [1])
        #expect(RFMSegments.quintileScores([]) == [])
    }

    @Test func segmentRulesInOrder() {
        #expect(RFMSegment(recency: 5, frequency: 5, monetary: 5) == .champions)
        #expect(RFMSegment(recency: 4, frequency: 4, monetary: 4) == .champions)
        #expect(RFMSegment(recency: 4, frequency: 4, monetary: 3) == .loyal)
        #expect(RFMSegment(recency: 3, frequency: 5, monetary: 5) == .loyal)
        #expect(RFMSegment(recency: 2, frequency: 4, monetary: 4) == .cantLoseThem)
        #expect(RFMSegment(recency: 1, frequency: 5, monetary: 5) == .cantLoseThem)
        #expect(RFMSegment(recency: 2, frequency: 4, monetary: 3) == .atRisk)
        #expect(RFMSegment(recency: 1, frequency: 3, monetary: 1) == .atRisk)
        #expect(RFMSegment(recency: 5, frequency: 1, monetary: 5) == .new)
        #expect(RFMSegment(recency: 4, frequency: 2, monetary: 1) == .potentialLoyalist)
        #expect(RFMSegment(recency: 3, frequency: 1, monetary: 1) == .potentialLoyalist)
        #expect(RFMSegment(recency: 2, frequency: 2, monetary: 5) == .hibernating)
        #expect(RFMSegment(recency: 1, frequency: 2, monetary: 5) == .lost)
        // Every triple has a segment, and all eight are reachable.
        var seen = Set<RFMSegment>()
        for r in 1...5 { for f in 1...5 { for m in 1...5 { seen.insert(RFMSegment(recency: r, frequency: f, monetary: m)) } } }
        #expect(seen.count == RFMSegment.allCases.count)
    }

    @Test func scoresFromAFeatureTable() throws {
        // Recency reversed: the smallest days_since_last scores 5.
        let table = FeatureTable(columnNames: ["days_since_last", "frequency", "monetary_total"], customerIDs: ["a", "b", "c", "d", "e"],
                                 values: [1, 9, 500, 10, 4, 15, 50, 0, 20, 100, 0, 60, 200, 0, 10])
        let segments = try RFMSegments(table)
        #expect(segments.scores.map(\.code) == ["555", "442", "313", "214", "111"])
        #expect(segments.scores.map(\.segment) == [.champions, .loyal, .potentialLoyalist, .hibernating, .lost])
        let summary = segments.summary(churnProbabilities: [0.1, 0.2, 0.3, 0.4, 0.5])
        #expect(summary.first { $0.segment == .lost }!.revenue == 10)
        #expect(summary.first { $0.segment == .lost }!.meanChurnProbability == 0.5)
        #expect(summary.first { $0.segment == .new }!.customers == 0)
        #expect(summary.reduce(0) { $0 + $1.customers } == 5)
        #expect(throws: FeatureError.self) { try RFMSegments(FeatureTable(columnNames: ["x"], customerIDs: ["a"], values: [1])) }
    }

    @Test func cdnowSegmentsCoverEveryCustomer() throws {
        let result = try TransactionFeatureBuilder().build(path: TestFiles.cdnow, cutoff: nil, horizonDays: nil)
        let segments = try RFMSegments(result.table)
        let summary = segments.summary()
        #expect(summary.reduce(0) { $0 + $1.customers } == 23_570)
        #expect(isClose(summary.reduce(0) { $0 + $1.revenue }, result.table.column("monetary_total")!.reduce(0, +), absolute: 1e-6))
        // One-time buyers (frequency 0, the majority) all score F = 1.
        for (i, f) in segments.frequency.enumerated() where f == 0 { #expect(segments.scores[i].frequency == 1) }
    }
}
