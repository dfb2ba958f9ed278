/// Churners and non-churners by predicted class at one threshold, and the metrics built on them.
///
/// A row is predicted a churner when its probability is ≥ `threshold` (scikit-learn's
/// `predict` at 0.5 uses the same `≥`). Counts are sums of sample weights (row counts when
/// unweighted). With `TP, FP, TN, FN` and `W` their sum:
///
/// - `accuracy` = (TP + TN) / W
/// - `precision` = TP / (TP + FP), NaN when nobody is predicted a churner
/// - `recall` = TP / (TP + FN), NaN when there are no churners
/// - `f1` = 2·TP / (2·TP + FP + FN), the harmonic mean of precision and recall; NaN when the
///   denominator is 0
///
/// scikit-learn returns 0 with a warning (`zero_division`) where ChurnKit returns NaN: an
/// undefined rate is reported as undefined, not as a bad score.
public struct ConfusionMatrix: Codable, Sendable, Equatable {
    /// The probability at or above which a row counts as a predicted churner.
    public var threshold: Double
    /// Churners predicted to churn (weighted count).
    public var truePositives: Double
    /// Non-churners predicted to churn (weighted count).
    public var falsePositives: Double
    /// Non-churners predicted to stay (weighted count).
    public var trueNegatives: Double
    /// Churners predicted to stay (weighted count).
    public var falseNegatives: Double

    enum CodingKeys: String, CodingKey {
        case threshold, truePositives = "tp", falsePositives = "fp", trueNegatives = "tn", falseNegatives = "fn"
    }

    /// `labels`: 0/1 per row; `weights`: nil = 1 per row.
    public static func compute(labels: [Double], probabilities: [Double], weights: [Double]? = nil, threshold: Double = 0.5) -> ConfusionMatrix {
        compute(EvaluationInput(labels: labels, probabilities: probabilities, weights: weights), threshold: threshold)
    }

    static func compute(_ input: EvaluationInput, threshold: Double) -> ConfusionMatrix {
        var matrix = ConfusionMatrix(threshold: threshold, truePositives: 0, falsePositives: 0, trueNegatives: 0, falseNegatives: 0)
        for i in 0..<input.count {
            let w = input.weight(i)
            switch (input.probabilities[i] >= threshold, input.labels[i] == 1) {
            case (true, true): matrix.truePositives += w
            case (true, false): matrix.falsePositives += w
            case (false, false): matrix.trueNegatives += w
            case (false, true): matrix.falseNegatives += w
            }
        }
        return matrix
    }

    /// Share of rows classified correctly (NaN with no rows).
    public var accuracy: Double { ratio(truePositives + trueNegatives, truePositives + trueNegatives + falsePositives + falseNegatives) }
    /// Share of predicted churners who churned (NaN with none predicted).
    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    /// Share of churners predicted (NaN with no churners).
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    /// Harmonic mean of precision and recall.
    public var f1: Double { ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }

    private func ratio(_ numerator: Double, _ denominator: Double) -> Double {
        denominator > 0 ? numerator / denominator : .nan
    }
}
