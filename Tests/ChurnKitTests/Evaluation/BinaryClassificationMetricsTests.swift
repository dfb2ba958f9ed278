import Foundation
import Testing
@testable import ChurnKit

struct BinaryClassificationMetricsTests {
    /// Every scalar metric against scikit-learn 1.9.1, unweighted and weighted.
    @Test(arguments: ["unweighted", "weighted"])
    func matchesScikitLearn(variant: String) throws {
        let reference = try MetricReference()
        let expected = reference.section(variant)
        let metrics = BinaryClassificationMetrics.compute(labels: reference.labels, probabilities: reference.probabilities,
                                                          weights: variant == "weighted" ? reference.weights : nil, threshold: 0.5)
        let pairs: [(String, Double)] = [
            ("roc_auc", metrics.rocAUC), ("average_precision", metrics.averagePrecision), ("log_loss", metrics.logLoss),
            ("brier_score", metrics.brierScore), ("accuracy", metrics.accuracy), ("precision", metrics.precision),
            ("recall", metrics.recall), ("f1", metrics.f1), ("ks", metrics.ksStatistic), ("ks_threshold", metrics.ksThreshold),
        ]
        for (key, value) in pairs {
            #expect(isClose(value, reference.number(expected, key), absolute: 1e-12, relative: 1e-12), "\(variant) \(key): \(value)")
        }
        let confusion = expected["confusion"] as! [String: Any]
        #expect(isClose(metrics.confusion.truePositives, reference.number(confusion, "tp")))
        #expect(isClose(metrics.confusion.falsePositives, reference.number(confusion, "fp")))
        #expect(isClose(metrics.confusion.trueNegatives, reference.number(confusion, "tn")))
        #expect(isClose(metrics.confusion.falseNegatives, reference.number(confusion, "fn")))
        let lift = reference.section("top_decile_lift")
        #expect(isClose(metrics.topDecileLift, reference.number(lift, variant == "weighted" ? "weighted_lift" : "lift"), relative: 1e-12))
        #expect(metrics.warnings.isEmpty)
        #expect(metrics.rows == 200 && metrics.isWeighted == (variant == "weighted"))
    }

    /// y = [0, 0, 1, 1], p = [0.1, 0.4, 0.35, 0.8]: 3 of 4 churner–non-churner pairs are ordered
    /// right; precision is 1 at recall ½ and ⅔ at recall 1, so AP = ½·1 + ½·⅔ = 5/6.
    @Test func tinyHandCase() throws {
        let metrics = BinaryClassificationMetrics.compute(labels: [0, 0, 1, 1], probabilities: [0.1, 0.4, 0.35, 0.8])
        #expect(metrics.rocAUC == 0.75)
        #expect(isClose(metrics.averagePrecision, 5.0 / 6, relative: 1e-15))
        #expect(metrics.ksStatistic == 0.5 && metrics.ksThreshold == 0.8)
        #expect(metrics.accuracy == 0.75 && metrics.precision == 1 && metrics.recall == 0.5)
        #expect(isClose(metrics.f1, 2.0 / 3, relative: 1e-15))
        let reference = try MetricReference().section("tiny")
        #expect(isClose(metrics.logLoss, ReferenceOutput.number(reference["log_loss"]!)!, relative: 1e-14))
        #expect(isClose(metrics.brierScore, ReferenceOutput.number(reference["brier_score"]!)!, relative: 1e-14))
        // Four rows have no top decile: lift is undefined, with a warning.
        #expect(metrics.topDecileLift.isNaN)
        #expect(metrics.warnings.count == 1 && metrics.warnings[0].contains("top_decile_lift"))
    }

    /// A single class never crashes: rank metrics are NaN and a warning names them; metrics still
    /// defined keep their values.
    @Test func singleClassGivesNaNAndAWarning() {
        let metrics = BinaryClassificationMetrics.compute(labels: [0, 0, 0], probabilities: [0.2, 0.6, 0.1])
        #expect(metrics.rocAUC.isNaN && metrics.averagePrecision.isNaN && metrics.ksStatistic.isNaN && metrics.topDecileLift.isNaN)
        #expect(metrics.recall.isNaN)
        #expect(metrics.accuracy == 2.0 / 3)
        #expect(isClose(metrics.brierScore, (0.04 + 0.36 + 0.01) / 3, relative: 1e-15))
        #expect(metrics.warnings.count == 1)
        #expect(metrics.warnings[0].contains("only one class") && metrics.warnings[0].contains("roc_auc"))

        let churnersOnly = BinaryClassificationMetrics.compute(labels: [1, 1], probabilities: [0.2, 0.6])
        #expect(churnersOnly.rocAUC.isNaN && churnersOnly.ksStatistic.isNaN)
        #expect(churnersOnly.averagePrecision == 1) // defined with churners: precision is 1 everywhere
        #expect(churnersOnly.warnings.count == 1 && churnersOnly.warnings[0].contains("roc_auc"))

        let empty = BinaryClassificationMetrics.compute(labels: [], probabilities: [])
        #expect(empty.rocAUC.isNaN && empty.logLoss.isNaN && empty.accuracy.isNaN)
        #expect(empty.warnings == ["no rows to evaluate; undefined (NaN): " + empty.namedValues.map(\.name).joined(separator: ", ")])
    }

    /// Every score equal: each pair is a tie worth ½.
    @Test func allTiedScoresGiveAUCOneHalf() {
        let metrics = BinaryClassificationMetrics.compute(labels: [1, 0, 0, 1, 0], probabilities: [0.3, 0.3, 0.3, 0.3, 0.3])
        #expect(metrics.rocAUC == 0.5)
        #expect(metrics.averagePrecision == 0.4) // one threshold: precision 2/5 at recall 1
        #expect(metrics.ksStatistic == 0 && metrics.ksThreshold == .infinity)
    }

    @Test func unitWeightsEqualUnweighted() throws {
        let reference = try MetricReference()
        let ones = [Double](repeating: 1, count: reference.labels.count)
        var weighted = BinaryClassificationMetrics.compute(labels: reference.labels, probabilities: reference.probabilities, weights: ones)
        let unweighted = BinaryClassificationMetrics.compute(labels: reference.labels, probabilities: reference.probabilities)
        #expect(weighted.isWeighted && !unweighted.isWeighted)
        weighted.isWeighted = false
        #expect(weighted == unweighted)
    }

    /// A weight of 2 is the same as the row written twice.
    @Test func integerWeightsEqualRepeatedRows() {
        let labels: [Double] = [1, 0, 1, 0, 0], probabilities = [0.9, 0.7, 0.4, 0.4, 0.1], weights: [Double] = [2, 1, 3, 1, 2]
        var repeatedLabels: [Double] = [], repeatedProbabilities: [Double] = []
        for i in labels.indices {
            for _ in 0..<Int(weights[i]) { repeatedLabels.append(labels[i]); repeatedProbabilities.append(probabilities[i]) }
        }
        let weighted = BinaryClassificationMetrics.compute(labels: labels, probabilities: probabilities, weights: weights)
        let repeated = BinaryClassificationMetrics.compute(labels: repeatedLabels, probabilities: repeatedProbabilities)
        for ((name, a), (_, b)) in zip(weighted.namedValues, repeated.namedValues) where name != "top_decile_lift" {
            #expect(isClose(a, b, relative: 1e-14), "\(name)")
        }
    }

    /// Probabilities 0 and 1 are clipped to [ε, 1 − ε] with ε = 2⁻⁵² (scikit-learn ≥ 1.2).
    @Test func logLossClipsCertainProbabilities() {
        let metrics = BinaryClassificationMetrics.compute(labels: [1, 0], probabilities: [0, 0])
        #expect(metrics.logLoss.isFinite)
        #expect(isClose(metrics.logLoss, -log(Double.ulpOfOne) / 2, relative: 1e-15))
        #expect(BinaryClassificationMetrics.compute(labels: [1, 0], probabilities: [1, 0]).logLoss < 1e-15)
    }

    @Test func noPredictedChurnersMakesPrecisionUndefined() {
        let metrics = BinaryClassificationMetrics.compute(labels: [1, 0, 0], probabilities: [0.4, 0.3, 0.2], threshold: 0.5)
        #expect(metrics.precision.isNaN && metrics.recall == 0 && metrics.f1 == 0)
        #expect(metrics.rocAUC == 1)
        #expect(metrics.warnings.contains { $0.contains("precision") })
    }

    /// Undefined metrics are written as JSON null under scikit-learn's names and read back as NaN.
    @Test func encodesNaNAsNull() throws {
        let metrics = BinaryClassificationMetrics.compute(labels: [0, 0, 1, 1, 0], probabilities: [0.1, 0.4, 0.35, 0.8, 0.2])
        let data = try JSONEncoder().encode(metrics)
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(object["top_decile_lift"] is NSNull)
        #expect(ReferenceOutput.number(object["roc_auc"]!) == metrics.rocAUC)
        #expect(Set(metrics.namedValues.map(\.name)).isSubset(of: Set(object.keys)))
        let decoded = try JSONDecoder().decode(BinaryClassificationMetrics.self, from: data)
        #expect(decoded.topDecileLift.isNaN)
        #expect(decoded == metrics)
    }
}
