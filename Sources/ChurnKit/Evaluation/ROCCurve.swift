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
    public var falsePositiveRates: [Double]
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
        var tps: [Double] = [], fps: [Double] = [], thresholds: [Double] = []
        ranking.forEachThreshold(input) { threshold, tp, fp in
            tps.append(tp)
            fps.append(fp)
            thresholds.append(threshold)
        }
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

    public init(falsePositiveRates: [Double], truePositiveRates: [Double], thresholds: [Double]) {
        self.falsePositiveRates = falsePositiveRates
        self.truePositiveRates = truePositiveRates
        self.thresholds = thresholds
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        falsePositiveRates = try container.decode([Double?].self, forKey: .falsePositiveRates).map { $0 ?? .nan }
        truePositiveRates = try container.decode([Double?].self, forKey: .truePositiveRates).map { $0 ?? .nan }
        thresholds = try container.decode([Double?].self, forKey: .thresholds).map { $0 ?? .infinity }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let finiteOrNull: (Double) -> Double? = { $0.isFinite ? $0 : nil }
        try container.encode(falsePositiveRates.map(finiteOrNull), forKey: .falsePositiveRates)
        try container.encode(truePositiveRates.map(finiteOrNull), forKey: .truePositiveRates)
        try container.encode(thresholds.map(finiteOrNull), forKey: .thresholds)
    }

    public static func == (a: ROCCurve, b: ROCCurve) -> Bool {
        let same: ([Double], [Double]) -> Bool = { x, y in x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) } }
        return same(a.falsePositiveRates, b.falsePositiveRates) && same(a.truePositiveRates, b.truePositiveRates) && same(a.thresholds, b.thresholds)
    }
}
