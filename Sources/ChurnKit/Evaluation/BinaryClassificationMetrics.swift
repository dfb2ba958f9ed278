import Foundation

/// Every scalar metric of a churn model on one labelled set, named as in scikit-learn.
///
/// Inputs: `labels` 0/1 per row (1 = churned), `probabilities` the predicted churn probabilities,
/// `weights` optional sample weights (nil = 1 per row; every metric is then the weighted version:
/// a row of weight 2 counts as two customers). With `W = Σ wᵢ`:
///
/// - `roc_auc`, `average_precision`, `ks_statistic`: see ``RankMetrics``.
/// - `log_loss` = −Σ wᵢ·(yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)) / W, with pᵢ clipped to [ε, 1 − ε],
///   ε = 2.22e-16 (`Double.ulpOfOne`), as scikit-learn ≥ 1.2 does for float64 (its default
///   before 1.2 was 1e-15); a confident wrong prediction costs at most −log ε ≈ 36.04.
/// - `brier_score` = Σ wᵢ·(pᵢ − yᵢ)² / W: the mean squared error of the probabilities.
/// - `accuracy`, `precision`, `recall`, `f1` at `threshold`: see ``ConfusionMatrix``.
/// - `top_decile_lift`: `Lift` at 10%.
///
/// A metric that is undefined on this data — AUC with a single class, precision when nobody is
/// predicted to churn — is NaN (`null` in JSON, see ``NaNAsNull``) and `warnings` says why; it
/// never stops the program. Metrics still defined with one class (log loss, Brier, accuracy)
/// keep their values.
///
/// Cost: one sort of the probabilities (shared by the rank metrics and the lift through
/// ``ScoreRanking``) and two passes over the rows.
public struct BinaryClassificationMetrics: Codable, Sendable, Equatable {
    /// Rows evaluated.
    public var rows: Int
    /// Σ wᵢ (the row count when unweighted).
    public var totalWeight: Double
    /// Σ wᵢ·yᵢ: the (weighted) number of churners.
    public var positives: Double
    /// Whether sample weights were applied (every metric is then weighted).
    public var isWeighted: Bool
    /// The probability at or above which a row counts as a predicted churner.
    public var threshold: Double
    /// Counts at `threshold`.
    public var confusion: ConfusionMatrix
    /// Area under the ROC curve: the chance a churner ranks above a non-churner (ties count half).
    @NaNAsNull public var rocAUC: Double
    /// Average precision, scikit-learn's step-wise area under the precision-recall curve.
    @NaNAsNull public var averagePrecision: Double
    /// Mean negative log-likelihood of the labels, probabilities clipped away from 0 and 1.
    @NaNAsNull public var logLoss: Double
    /// Mean squared difference between probability and label.
    @NaNAsNull public var brierScore: Double
    /// Share of rows classified correctly at `threshold`.
    @NaNAsNull public var accuracy: Double
    /// Share of predicted churners who churned, at `threshold`.
    @NaNAsNull public var precision: Double
    /// Share of churners predicted, at `threshold`.
    @NaNAsNull public var recall: Double
    /// Harmonic mean of precision and recall.
    @NaNAsNull public var f1: Double
    /// Kolmogorov–Smirnov statistic: the largest gap between the churners' and non-churners' score distributions.
    @NaNAsNull public var ksStatistic: Double
    /// The highest threshold at which `ks_statistic` is reached.
    @NaNAsNull public var ksThreshold: Double
    /// Churn rate in the riskiest tenth over the overall churn rate.
    @NaNAsNull public var topDecileLift: Double
    /// Why a metric is NaN, in words a person can act on.
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case rows, totalWeight = "total_weight", positives, isWeighted = "weighted", threshold, confusion,
             rocAUC = "roc_auc", averagePrecision = "average_precision", logLoss = "log_loss", brierScore = "brier_score",
             accuracy, precision, recall, f1, ksStatistic = "ks_statistic", ksThreshold = "ks_threshold",
             topDecileLift = "top_decile_lift", warnings
    }

    /// Probabilities are clipped to [ε, 1 − ε] inside `log_loss`.
    public static let logLossEpsilon = Double.ulpOfOne

    /// Computes every metric. `labels`: 0/1 per row; `probabilities`: one per row; `weights`: nil =
    /// 1 per row; `threshold`: a row is predicted a churner when its probability is ≥ it.
    public static func compute(labels: [Double], probabilities: [Double], weights: [Double]? = nil,
                               threshold: Double = 0.5) -> BinaryClassificationMetrics {
        compute(labels: labels, ranking: ScoreRanking(probabilities: probabilities), weights: weights, threshold: threshold)
    }

    /// The same from a ranking already sorted (to share it with a ``GainsTable`` or ``ROCCurve``).
    public static func compute(labels: [Double], ranking: ScoreRanking, weights: [Double]? = nil,
                               threshold: Double = 0.5) -> BinaryClassificationMetrics {
        let input = EvaluationInput(labels: labels, probabilities: ranking.probabilities, weights: weights)
        let rank = RankMetrics.compute(input, ranking: ranking)
        let confusion = ConfusionMatrix.compute(input, threshold: threshold)
        var logLoss = 0.0, brier = 0.0
        let epsilon = logLossEpsilon
        for i in 0..<input.count {
            let w = input.weight(i), y = input.labels[i], p = input.probabilities[i]
            let clipped = min(max(p, epsilon), 1 - epsilon)
            logLoss -= w * (y == 1 ? log(clipped) : log(1 - clipped))
            brier += w * (p - y) * (p - y)
        }
        let total = input.totalWeight
        let metrics = BinaryClassificationMetrics(
            rows: input.count, totalWeight: total, positives: input.positives, isWeighted: weights != nil, threshold: threshold,
            confusion: confusion, rocAUC: rank.rocAUC, averagePrecision: rank.averagePrecision,
            logLoss: total > 0 ? logLoss / total : .nan, brierScore: total > 0 ? brier / total : .nan,
            accuracy: confusion.accuracy, precision: confusion.precision, recall: confusion.recall, f1: confusion.f1,
            ksStatistic: rank.ksStatistic, ksThreshold: rank.ksThreshold,
            topDecileLift: Lift.atTop(percent: 10, input, ranking: ranking), warnings: [])
        return metrics.withWarnings(input)
    }

    /// The scalar metrics by scikit-learn name, in a fixed order (for tables and logs).
    public var namedValues: [(name: String, value: Double)] {
        [("roc_auc", rocAUC), ("average_precision", averagePrecision), ("log_loss", logLoss), ("brier_score", brierScore),
         ("accuracy", accuracy), ("precision", precision), ("recall", recall), ("f1", f1), ("ks_statistic", ksStatistic),
         ("top_decile_lift", topDecileLift)]
    }

    /// One warning per cause of NaN, naming the metrics it makes undefined.
    private func withWarnings(_ input: EvaluationInput) -> BinaryClassificationMetrics {
        var copy = self
        let undefined = namedValues.filter { $0.value.isNaN }.map(\.name)
        guard !undefined.isEmpty else { return copy }
        let list = undefined.joined(separator: ", ")
        if let cause = input.missingClassWarning {
            copy.warnings.append("\(cause); undefined (NaN): \(list)")
        } else if input.totalWeight == 0 {
            copy.warnings.append("all weights are 0; undefined (NaN): \(list)")
        } else {
            if precision.isNaN {
                copy.warnings.append("no row has a probability ≥ \(NumberText.format(threshold)): precision is undefined (NaN)")
            }
            if topDecileLift.isNaN {
                copy.warnings.append("the top 10% of \(input.count) rows is empty or has zero weight: top_decile_lift is undefined (NaN)")
            }
        }
        return copy
    }
}
