import Testing
@testable import ChurnKit

/// The ROC and precision-recall curves: their areas are the rank metrics, and keeping only the
/// corners (scikit-learn's `drop_intermediate`) changes neither.
struct CurveTests {
    static func data() -> (labels: [Double], probabilities: [Double]) {
        var random = SeededGenerator(seed: 11)
        var labels: [Double] = [], probabilities: [Double] = []
        for _ in 0..<2000 {
            // Scores rounded to 2 decimals, so there are ties and long runs of one class.
            let p = Double(random.next() % 101) / 100
            probabilities.append(p)
            labels.append(Double(random.next() % 1000) / 1000 < 0.2 + 0.6 * p ? 1 : 0)
        }
        return (labels, probabilities)
    }

    static func trapezoid(_ x: [Double], _ y: [Double]) -> Double {
        var area = 0.0
        for k in 1..<x.count { area += (x[k] - x[k - 1]) * (y[k] + y[k - 1]) / 2 }
        return area
    }

    /// Σ (Δrecall)·precision: average precision from the curve's steps.
    static func stepArea(_ curve: PrecisionRecallCurve) -> Double {
        var area = 0.0, previous = 0.0
        for k in curve.recalls.indices {
            area += (curve.recalls[k] - previous) * curve.precisions[k]
            previous = curve.recalls[k]
        }
        return area
    }

    @Test func areasMatchTheMetricsWithAndWithoutIntermediatePoints() {
        let (labels, probabilities) = Self.data()
        let ranking = ScoreRanking(probabilities: probabilities)
        let metrics = BinaryClassificationMetrics.compute(labels: labels, ranking: ranking)
        let full = ROCCurve.compute(labels: labels, ranking: ranking)
        let corners = ROCCurve.compute(labels: labels, ranking: ranking, dropIntermediate: true)
        #expect(corners.thresholds.count < full.thresholds.count)
        #expect(corners.falsePositiveRates.first == 0 && corners.truePositiveRates.last == 1)
        #expect(abs(Self.trapezoid(full.falsePositiveRates, full.truePositiveRates) - metrics.rocAUC) < 1e-12)
        #expect(abs(Self.trapezoid(corners.falsePositiveRates, corners.truePositiveRates) - metrics.rocAUC) < 1e-12)

        let pr = PrecisionRecallCurve.compute(labels: labels, ranking: ranking)
        let prCorners = PrecisionRecallCurve.compute(labels: labels, ranking: ranking, dropIntermediate: true)
        #expect(pr.thresholds.count == Set(probabilities).count)
        #expect(prCorners.thresholds.count <= pr.thresholds.count)
        #expect(abs(Self.stepArea(pr) - metrics.averagePrecision) < 1e-12)
        #expect(abs(Self.stepArea(prCorners) - metrics.averagePrecision) < 1e-12)
        #expect(pr.recalls.last == 1)
        #expect(abs(pr.precisions.last! - labels.reduce(0, +) / Double(labels.count)) < 1e-15)
    }

    @Test func undefinedWithoutChurners() {
        let curve = PrecisionRecallCurve.compute(labels: [0, 0], ranking: ScoreRanking(probabilities: [0.2, 0.4]))
        #expect(curve.recalls.allSatisfy { $0.isNaN })
        #expect(curve.precisions == [0, 0])
    }
}
