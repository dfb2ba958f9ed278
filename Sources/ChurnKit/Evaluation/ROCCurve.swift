/// The receiver operating characteristic curve: one point per distinct probability.
///
/// Point k is the false- and true-positive rate when every row scored at or above
/// `thresholds[k]` is called a churner: `fpr = FP/N`, `tpr = TP/P` (weighted counts). The first
/// point is (0, 0) at threshold +∞, as in scikit-learn's `roc_curve(drop_intermediate=False)`,
/// whose output this matches point for point; the last is (1, 1) at the lowest probability.
/// The rates are NaN when their class is missing.
///
/// Encoding: columnar arrays `fpr`, `tpr`, `thresholds`; the +∞ threshold is written as `null`
/// and read back as +∞.
public struct ROCCurve: Codable, Sendable, Equatable {
    /// False-positive rate at each threshold.
    public var falsePositiveRates: [Double]
    /// True-positive rate at each threshold.
    public var truePositiveRates: [Double]
    /// Descending; the first is +∞.
    public var thresholds: [Double]

    /// `labels`: 0/1 per row; `weights`: nil = 1 per row.
    ///
    /// `dropIntermediate`: keep only the corners of the curve, as scikit-learn's default
    /// `roc_curve(drop_intermediate=True)`: a point is dropped when it lies on a straight
    /// horizontal or vertical run (the second difference of both the false- and true-positive
    /// counts is 0), which leaves the plot and the AUC unchanged. The first and last points stay.
    public static func compute(labels: [Double], ranking: ScoreRanking, weights: [Double]? = nil,
                               dropIntermediate: Bool = false) -> ROCCurve {
        let input = EvaluationInput(labels: labels, probabilities: ranking.probabilities, weights: weights)
        let (thresholds, tps, fps) = ranking.thresholdCounts(input)
        var curve = ROCCurve(falsePositiveRates: [0], truePositiveRates: [0], thresholds: [.infinity])
        for k in tps.indices {
            if dropIntermediate && k > 0 && k < tps.count - 1
                && fps[k + 1] - 2 * fps[k] + fps[k - 1] == 0 && tps[k + 1] - 2 * tps[k] + tps[k - 1] == 0 { continue }
            curve.falsePositiveRates.append(fps[k] / input.negatives)
            curve.truePositiveRates.append(tps[k] / input.positives)
            curve.thresholds.append(thresholds[k])
        }
        return curve
    }

    enum CodingKeys: String, CodingKey {
        case falsePositiveRates = "fpr", truePositiveRates = "tpr", thresholds
    }

    /// A curve from its points (equal-length arrays), e.g. read back from a report.
    public init(falsePositiveRates: [Double], truePositiveRates: [Double], thresholds: [Double]) {
        self.falsePositiveRates = falsePositiveRates
        self.truePositiveRates = truePositiveRates
        self.thresholds = thresholds
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        falsePositiveRates = try container.decodeNaNAsNull(forKey: .falsePositiveRates)
        truePositiveRates = try container.decodeNaNAsNull(forKey: .truePositiveRates)
        thresholds = try container.decodeNaNAsNull(forKey: .thresholds, nullAs: .infinity)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNaNAsNull(falsePositiveRates, forKey: .falsePositiveRates)
        try container.encodeNaNAsNull(truePositiveRates, forKey: .truePositiveRates)
        try container.encodeNaNAsNull(thresholds, forKey: .thresholds)
    }

    public static func == (a: ROCCurve, b: ROCCurve) -> Bool {
        NaNAsNull.same(a.falsePositiveRates, b.falsePositiveRates) && NaNAsNull.same(a.truePositiveRates, b.truePositiveRates)
            && NaNAsNull.same(a.thresholds, b.thresholds)
    }
}
