/// The precision-recall curve: one point per distinct probability, highest threshold first.
///
/// Point k calls every row scored at or above `thresholds[k]` a churner: `recall = TP/P`,
/// `precision = TP/(TP + FP)` (weighted counts). These are scikit-learn's
/// `precision_recall_curve` points in reverse order, without the extra (recall 0, precision 1)
/// point it appends. Recall is NaN when there are no churners.
///
/// The curve is the one to read when churners are rare: ROC curves look good on imbalanced data
/// even when most customers flagged are false alarms, and precision shows that directly. The
/// area under its step function is ``RankMetrics``' `average_precision`.
///
/// Encoding: columnar arrays `recall`, `precision`, `thresholds` (undefined values as `null`).
public struct PrecisionRecallCurve: Codable, Sendable, Equatable {
    /// Recall at each threshold.
    public var recalls: [Double]
    /// Precision at each threshold.
    public var precisions: [Double]
    /// Descending.
    public var thresholds: [Double]

    /// `labels`: 0/1 per row; `weights`: nil = 1 per row.
    ///
    /// `dropIntermediate`: as scikit-learn's `precision_recall_curve(drop_intermediate=True)`,
    /// drop a point when the true-positive count does not change on either side of it (a run that
    /// only adds non-churners): the steps of the curve, and so its average precision, stay.
    public static func compute(labels: [Double], ranking: ScoreRanking, weights: [Double]? = nil,
                               dropIntermediate: Bool = false) -> PrecisionRecallCurve {
        let input = EvaluationInput(labels: labels, probabilities: ranking.probabilities, weights: weights)
        let (thresholds, tps, fps) = ranking.thresholdCounts(input)
        var curve = PrecisionRecallCurve(recalls: [], precisions: [], thresholds: [])
        for k in tps.indices {
            if dropIntermediate && k > 0 && k < tps.count - 1 && tps[k] == tps[k - 1] && tps[k + 1] == tps[k] { continue }
            let flagged = tps[k] + fps[k]
            curve.recalls.append(input.positives > 0 ? tps[k] / input.positives : .nan)
            curve.precisions.append(flagged > 0 ? tps[k] / flagged : .nan)
            curve.thresholds.append(thresholds[k])
        }
        return curve
    }

    enum CodingKeys: String, CodingKey { case recalls = "recall", precisions = "precision", thresholds }

    /// A curve from its points (equal-length arrays), e.g. read back from a report.
    public init(recalls: [Double], precisions: [Double], thresholds: [Double]) {
        self.recalls = recalls
        self.precisions = precisions
        self.thresholds = thresholds
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        recalls = try container.decodeNaNAsNull(forKey: .recalls)
        precisions = try container.decodeNaNAsNull(forKey: .precisions)
        thresholds = try container.decodeNaNAsNull(forKey: .thresholds)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNaNAsNull(recalls, forKey: .recalls)
        try container.encodeNaNAsNull(precisions, forKey: .precisions)
        try container.encodeNaNAsNull(thresholds, forKey: .thresholds)
    }

    public static func == (a: PrecisionRecallCurve, b: PrecisionRecallCurve) -> Bool {
        NaNAsNull.same(a.recalls, b.recalls) && NaNAsNull.same(a.precisions, b.precisions) && NaNAsNull.same(a.thresholds, b.thresholds)
    }
}
