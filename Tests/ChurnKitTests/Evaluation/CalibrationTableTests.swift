import Foundation
import Testing
@testable import ChurnKit

struct CalibrationTableTests {
    /// Edges, bin membership (a p equal to an inner edge goes to the lower bin), per-bin means and
    /// ECE against scikit-learn's `calibration_curve` bins, unweighted and weighted.
    @Test(arguments: CalibrationStrategy.allCases)
    func matchesScikitLearn(strategy: CalibrationStrategy) throws {
        let reference = try MetricReference()
        let expected = reference.section("calibration", strategy.rawValue)
        let edges = ReferenceOutput.numbers(expected["edges"])
        let expectedBins = expected["bins"] as! [[String: Any]]
        let unweighted = CalibrationTable.compute(labels: reference.labels, probabilities: reference.probabilities, binCount: 10, strategy: strategy)
        let weighted = CalibrationTable.compute(labels: reference.labels, probabilities: reference.probabilities, weights: reference.weights,
                                                binCount: 10, strategy: strategy)
        #expect(unweighted.bins.count == 10 && weighted.bins.count == 10)
        for (b, bin) in unweighted.bins.enumerated() {
            let row = expectedBins[b]
            #expect(isClose(bin.lower, edges[b]) && isClose(bin.upper, edges[b + 1]), "edges of bin \(b)")
            #expect(bin.count == Int(reference.number(row, "count")), "count of bin \(b)")
            #expect(weighted.bins[b].count == bin.count)
            #expect(isClose(weighted.bins[b].weight, reference.number(row, "weight")), "weight of bin \(b)")
            guard bin.count > 0 else {
                #expect(bin.meanPredicted.isNaN && bin.observedRate.isNaN)
                continue
            }
            #expect(isClose(bin.meanPredicted, reference.number(row, "mean_p"), relative: 1e-12), "mean_p of bin \(b)")
            #expect(isClose(bin.observedRate, reference.number(row, "mean_y"), relative: 1e-12), "mean_y of bin \(b)")
            #expect(isClose(weighted.bins[b].meanPredicted, reference.number(row, "weighted_mean_p"), relative: 1e-12))
            #expect(isClose(weighted.bins[b].observedRate, reference.number(row, "weighted_mean_y"), relative: 1e-12))
        }
        #expect(isClose(unweighted.expectedCalibrationError, reference.number(expected, "ece"), relative: 1e-12))
        #expect(isClose(weighted.expectedCalibrationError, reference.number(expected, "weighted_ece"), relative: 1e-12))
        // scikit-learn's prob_true/prob_pred are the non-empty bins.
        let nonEmpty = unweighted.bins.filter { $0.count > 0 }
        let probTrue = ReferenceOutput.numbers(expected["prob_true"]), probPred = ReferenceOutput.numbers(expected["prob_pred"])
        #expect(nonEmpty.count == probTrue.count)
        for (bin, (t, p)) in zip(nonEmpty, zip(probTrue, probPred)) {
            #expect(isClose(bin.observedRate, t, relative: 1e-12) && isClose(bin.meanPredicted, p, relative: 1e-12))
        }
    }

    @Test func topLevelECEKeys() throws {
        let reference = try MetricReference()
        let table = CalibrationTable.compute(labels: reference.labels, probabilities: reference.probabilities)
        #expect(isClose(table.expectedCalibrationError, ReferenceOutput.number(reference.json["ece_uniform"]!)!, relative: 1e-12))
        let weighted = CalibrationTable.compute(labels: reference.labels, probabilities: reference.probabilities, weights: reference.weights)
        #expect(isClose(weighted.expectedCalibrationError, ReferenceOutput.number(reference.json["weighted_ece_uniform"]!)!, relative: 1e-12))
    }

    /// Two bins: {0.1, 0.5} (0.5 sits on the inner edge, so it goes low) and {0.9}.
    @Test func handComputedECEAndEdgeRule() throws {
        let table = CalibrationTable.compute(labels: [0, 1, 1], probabilities: [0.1, 0.5, 0.9], binCount: 2)
        #expect(table.bins.map(\.count) == [2, 1])
        #expect(table.bins[0].meanPredicted == 0.3 && table.bins[0].observedRate == 0.5)
        #expect(isClose(table.expectedCalibrationError, 2.0 / 3 * 0.2 + 1.0 / 3 * 0.1, relative: 1e-14))
        let perfect = CalibrationTable.compute(labels: [0, 1], probabilities: [0, 1], binCount: 4)
        #expect(perfect.expectedCalibrationError == 0)
        #expect(perfect.bins[1].count == 0)
        let data = try JSONEncoder().encode(perfect)
        #expect(String(decoding: data, as: UTF8.self).contains("\"mean_predicted\":null"))
        #expect(try JSONDecoder().decode(CalibrationTable.self, from: data) == perfect)
    }

    @Test func numpyEdges() {
        #expect(CalibrationTable.uniformEdges(10)[3] == 3 * 0.1) // 0.30000000000000004, as linspace
        #expect(CalibrationTable.quantileEdges([4, 1, 3, 2, 5], 4) == [1, 2, 3, 4, 5])
        #expect(CalibrationTable.quantileEdges([0, 10], 4) == [0, 2.5, 5, 7.5, 10])
    }
}
