import Foundation
import Testing
@testable import ChurnKit

struct RankMetricsTests {
    /// The ROC curve equals scikit-learn's `roc_curve(drop_intermediate=False)` point for point.
    @Test(arguments: ["unweighted", "weighted"])
    func rocCurveMatchesScikitLearn(variant: String) throws {
        let reference = try MetricReference()
        let expected = reference.section(variant, "roc_curve")
        let curve = ROCCurve.compute(labels: reference.labels, ranking: ScoreRanking(probabilities: reference.probabilities),
                                     weights: variant == "weighted" ? reference.weights : nil)
        let fpr = ReferenceOutput.numbers(expected["fpr"]), tpr = ReferenceOutput.numbers(expected["tpr"])
        let thresholds = ReferenceOutput.numbers(expected["thresholds"])
        #expect(curve.thresholds.count == 80 && fpr.count == 80)
        #expect(curve.thresholds[0] == .infinity)
        #expect(Array(curve.thresholds.dropFirst()) == Array(thresholds.dropFirst()))
        for k in 0..<min(fpr.count, curve.falsePositiveRates.count) {
            #expect(isClose(curve.falsePositiveRates[k], fpr[k], relative: 1e-12) && isClose(curve.truePositiveRates[k], tpr[k], relative: 1e-12), "point \(k)")
        }
    }

    /// AUC with ties equals the Mann–Whitney statistic with average ranks (ties count ½),
    /// computed here pair by pair, weighted.
    @Test func aucEqualsPairwiseCountWithTies() throws {
        let reference = try MetricReference()
        let y = reference.labels, p = reference.probabilities, w = reference.weights
        var concordant = 0.0, positives = 0.0, negatives = 0.0
        for i in y.indices { if y[i] == 1 { positives += w[i] } else { negatives += w[i] } }
        for i in y.indices where y[i] == 1 {
            for j in y.indices where y[j] == 0 {
                concordant += w[i] * w[j] * (p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0)
            }
        }
        let rank = RankMetrics.compute(labels: y, ranking: ScoreRanking(probabilities: p), weights: w)
        #expect(isClose(rank.rocAUC, concordant / (positives * negatives), relative: 1e-13))
    }

    /// Row order does not change the score-only metrics, even with ties.
    @Test func rankMetricsIgnoreRowOrder() throws {
        let reference = try MetricReference()
        let reversedRanking = ScoreRanking(probabilities: reference.probabilities.reversed())
        let a = RankMetrics.compute(labels: reference.labels, ranking: ScoreRanking(probabilities: reference.probabilities), weights: reference.weights)
        let b = RankMetrics.compute(labels: reference.labels.reversed(), ranking: reversedRanking, weights: reference.weights.reversed())
        #expect(isClose(a.rocAUC, b.rocAUC, relative: 1e-14) && isClose(a.averagePrecision, b.averagePrecision, relative: 1e-14))
        #expect(isClose(a.ksStatistic, b.ksStatistic, relative: 1e-14) && a.ksThreshold == b.ksThreshold)
    }

    @Test func rankingBreaksTiesByRowIndex() {
        let ranking = ScoreRanking(probabilities: [0.2, 0.9, 0.2, 0.5, 0.9])
        #expect(ranking.order == [1, 4, 3, 0, 2])
        #expect(ranking.topCount(percent: 10) == 0 && ranking.topCount(percent: 40) == 2)
    }

    @Test func rocCurveEncodesInfiniteThresholdAsNull() throws {
        let curve = ROCCurve.compute(labels: [0, 1], ranking: ScoreRanking(probabilities: [0.2, 0.7]))
        let data = try JSONEncoder().encode(curve)
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect((object["thresholds"] as! [Any])[0] is NSNull)
        #expect(try JSONDecoder().decode(ROCCurve.self, from: data) == curve)
    }
}
