/// Everything `churn evaluate` shows for one set of predictions: the metrics, the gains table by
/// decile, the calibration table, and the ROC and precision-recall curves (their corners only,
/// as scikit-learn's `drop_intermediate=True`, so the JSON stays small without changing the
/// plot or the areas).
public struct EvaluationReport: Codable, Sendable {
    /// The single-number metrics.
    public var metrics: BinaryClassificationMetrics
    /// Churn captured per tenth of customers ranked by risk.
    public var gains: GainsTable
    /// Predicted against observed churn per probability bin.
    public var calibration: CalibrationTable
    /// The ROC curve behind `metrics.rocAUC`.
    public var roc: ROCCurve
    /// The precision-recall curve behind `metrics.averagePrecision`.
    public var precisionRecall: PrecisionRecallCurve

    enum CodingKeys: String, CodingKey {
        case metrics, gains, calibration, roc = "roc_curve", precisionRecall = "precision_recall_curve"
    }

    /// Throws ``ParameterError`` for a threshold outside [0, 1] or a bin count outside 1…1000.
    public static func validate(threshold: Double, calibrationBins: Int) throws {
        try ParameterCheck.number(threshold, "threshold", in: 0...1)
        try ParameterCheck.integer(calibrationBins, "calibration_bins", in: 1...1000)
    }

    /// Evaluates probabilities against 0/1 labels (one per row, optionally weighted) in one ranking pass.
    public init(labels: [Double], probabilities: [Double], weights: [Double]? = nil, threshold: Double = 0.5,
                calibrationBins: Int = 10, calibrationStrategy: CalibrationStrategy = .uniform) {
        let ranking = ScoreRanking(probabilities: probabilities)
        metrics = BinaryClassificationMetrics.compute(labels: labels, ranking: ranking, weights: weights, threshold: threshold)
        gains = GainsTable.compute(labels: labels, ranking: ranking, weights: weights)
        roc = ROCCurve.compute(labels: labels, ranking: ranking, weights: weights, dropIntermediate: true)
        precisionRecall = PrecisionRecallCurve.compute(labels: labels, ranking: ranking, weights: weights, dropIntermediate: true)
        calibration = CalibrationTable.compute(labels: labels, probabilities: probabilities, weights: weights,
                                               binCount: calibrationBins, strategy: calibrationStrategy)
    }

    /// Scalar metrics by scikit-learn name, for the model file's `evaluation` field.
    public var headline: [String: Double] {
        var values: [String: Double] = [:]
        for (name, value) in metrics.namedValues where value.isFinite { values[name] = value }
        if calibration.expectedCalibrationError.isFinite { values["expected_calibration_error"] = calibration.expectedCalibrationError }
        return values
    }
}
