import Foundation
import Testing
@testable import ChurnKit

struct GainsTableTests {
    @Test(arguments: [false, true])
    func sumsAndTopDecile(weighted: Bool) throws {
        let reference = try MetricReference()
        let weights = weighted ? reference.weights : nil
        let table = GainsTable.compute(labels: reference.labels, probabilities: reference.probabilities, weights: weights)
        #expect(table.rows.count == 10)
        #expect(table.rows.map(\.rowCount) == [Int](repeating: 20, count: 10))
        #expect(table.rows.map(\.decile) == Array(1...10))
        let totalWeight = weights?.reduce(0, +) ?? 200
        #expect(isClose(table.rows.reduce(0) { $0 + $1.customers }, totalWeight))
        #expect(isClose(table.customers, totalWeight))
        #expect(isClose(table.rows.reduce(0) { $0 + $1.captureRate }, 1, relative: 1e-14))
        #expect(isClose(table.rows.last!.cumulativeCapture, 1, relative: 1e-14))
        #expect(isClose(table.rows.last!.cumulativeLift, 1, relative: 1e-14))
        // Decile 1 is the top 20 rows of the reference's top-decile lift (ties by row index).
        let lift = reference.section("top_decile_lift")
        #expect(isClose(table.rows[0].lift, reference.number(lift, weighted ? "weighted_lift" : "lift"), relative: 1e-12))
        #expect(isClose(table.rows[0].churnRate, reference.number(lift, weighted ? "weighted_rate_top" : "rate_top"), relative: 1e-12))
        let ranking = ScoreRanking(probabilities: reference.probabilities)
        #expect(Array(ranking.order.prefix(20)) == ReferenceOutput.numbers(lift["top_indices"]).map { Int($0) })
        // Risk falls decile by decile.
        for d in 1..<10 { #expect(table.rows[d].maxProbability <= table.rows[d - 1].minProbability) }
        #expect(table.warnings.isEmpty)
    }

    /// 7 rows in 3 groups: ⌊d·7/3⌋ boundaries 2, 4, 7.
    @Test func handComputedTable() {
        let table = GainsTable.compute(labels: [1, 0, 1, 0, 0, 1, 0], probabilities: [0.9, 0.1, 0.8, 0.3, 0.2, 0.4, 0.7], groupCount: 3)
        // Ranked: 0 (0.9, y1), 2 (0.8, y1) | 6 (0.7, y0), 5 (0.4, y1) | 3, 4, 1 (all y0).
        #expect(table.rows.map(\.rowCount) == [2, 2, 3])
        #expect(table.rows.map(\.churners) == [2, 1, 0])
        #expect(table.rows.map(\.churnRate) == [1, 0.5, 0])
        #expect(table.rows.map(\.lift) == [1 / (3.0 / 7), 0.5 / (3.0 / 7), 0])
        #expect(table.rows.map(\.cumulativeCapture) == [2.0 / 3, 1, 1])
        #expect(table.rows[1].cumulativeLift == (3.0 / 4) / (3.0 / 7))
        #expect(table.rows[1].maxProbability == 0.7 && table.rows[1].minProbability == 0.4)
    }

    @Test func liftAtPercent() {
        let labels: [Double] = [1, 0, 1, 0, 0, 1, 0, 0, 0, 0], probabilities = [0.9, 0.1, 0.8, 0.3, 0.2, 0.4, 0.7, 0.05, 0.15, 0.25]
        let ranking = ScoreRanking(probabilities: probabilities)
        #expect(Lift.atTop(percent: 20, labels: labels, ranking: ranking) == 1 / 0.3)
        #expect(Lift.atTop(percent: 40, labels: labels, ranking: ranking) == 0.75 / 0.3)
        #expect(Lift.atTop(percent: 100, labels: labels, ranking: ranking) == 1)
        #expect(Lift.atTop(percent: 5, labels: labels, ranking: ranking).isNaN) // no row in the top 5%
    }

    @Test func emptyGroupsAndNoChurners() throws {
        let table = GainsTable.compute(labels: [0, 0, 0], probabilities: [0.3, 0.2, 0.1])
        #expect(table.rows.count == 10 && table.rows.map(\.rowCount).reduce(0, +) == 3)
        #expect(table.rows.allSatisfy { $0.lift.isNaN && $0.captureRate.isNaN })
        #expect(table.warnings.count == 2)
        let data = try JSONEncoder().encode(table)
        #expect(try JSONDecoder().decode(GainsTable.self, from: data) == table)
    }
}
