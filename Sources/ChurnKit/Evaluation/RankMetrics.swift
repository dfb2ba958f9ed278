/// The metrics that depend only on how the probabilities rank the rows: ROC AUC, average
/// precision and the KS statistic, computed together in one pass over the distinct thresholds of
/// a ``ScoreRanking``.
///
/// With `P` and `N` the (weighted) churners and non-churners and `TP(t)`, `FP(t)` those scored at
/// or above threshold `t`, walked over the distinct probabilities from the highest down:
///
/// - `roc_auc` = Σ ΔFP·(TP_prev + TP)/2 / (P·N): the trapezoid area under the ROC curve, which
///   equals the Mann–Whitney probability that a random churner outranks a random non-churner,
///   ties counting ½ (average ranks). Exactly scikit-learn's `roc_auc_score`.
/// - `average_precision` = Σ (ΔTP/P)·TP/(TP + FP): precision at each threshold weighted by the
///   recall gained there, a step function without interpolation, as scikit-learn's
///   `average_precision_score`.
/// - `ks_statistic` = max over thresholds of `TP/P − FP/N` (the largest gap between the score
///   distributions of churners and non-churners, Youden's J), starting from the point (0, 0), and
///   `ksThreshold` the highest threshold where it is reached (+∞ when no threshold beats 0).
///
/// AUC and KS are NaN when either class is missing, average precision when there are no churners.
public struct RankMetrics: Codable, Sendable, Equatable {
    /// Area under the ROC curve (ties count half).
    @NaNAsNull public var rocAUC: Double
    /// Average precision (scikit-learn's step-wise definition).
    @NaNAsNull public var averagePrecision: Double
    /// Kolmogorov–Smirnov statistic: the largest gap between the two classes' score distributions.
    @NaNAsNull public var ksStatistic: Double
    /// The probability at which that gap is largest.
    @NaNAsNull public var ksThreshold: Double

    enum CodingKeys: String, CodingKey {
        case rocAUC = "roc_auc", averagePrecision = "average_precision", ksStatistic = "ks_statistic", ksThreshold = "ks_threshold"
    }

    /// `labels`: 0/1 per row; `weights`: nil = 1 per row.
    public static func compute(labels: [Double], ranking: ScoreRanking, weights: [Double]? = nil) -> RankMetrics {
        compute(EvaluationInput(labels: labels, probabilities: ranking.probabilities, weights: weights), ranking: ranking)
    }

    static func compute(_ input: EvaluationInput, ranking: ScoreRanking) -> RankMetrics {
        let positives = input.positives, negatives = input.negatives
        var area = 0.0, precisionSum = 0.0
        var previousTP = 0.0, previousFP = 0.0
        var ks = 0.0, ksThreshold = Double.infinity
        ranking.forEachThreshold(input) { threshold, tp, fp in
            area += (fp - previousFP) * (previousTP + tp) / 2
            if tp > previousTP { precisionSum += (tp - previousTP) * (tp / (tp + fp)) }
            let gap = tp / positives - fp / negatives
            if gap > ks { ks = gap; ksThreshold = threshold }
            previousTP = tp
            previousFP = fp
        }
        let bothClasses = positives > 0 && negatives > 0
        return RankMetrics(rocAUC: bothClasses ? area / (positives * negatives) : .nan,
                           averagePrecision: positives > 0 ? precisionSum / positives : .nan,
                           ksStatistic: bothClasses ? ks : .nan,
                           ksThreshold: bothClasses ? ksThreshold : .nan)
    }
}
