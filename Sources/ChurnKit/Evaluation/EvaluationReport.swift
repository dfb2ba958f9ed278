/// Everything `churn evaluate` shows for one set of predictions: the metrics, the gains table by
/// decile and the calibration table.
public struct EvaluationReport: Codable, Sendable {
    public var metrics: BinaryClassificationMetrics
    public var gains: GainsTable
    public var calibration: CalibrationTable

    /// Throws ``ParameterError`` for a threshold outside [0, 1] or a bin count outside 1…1000.
    public static func validate(threshold: Double, calibrationBins: Int) throws {
        try ParameterCheck.number(threshold, "threshold", in: 0...1)
        try ParameterCheck.integer(calibrationBins, "calibration_bins", in: 1...1000)
    }

    public init(labels: [Double], probabilities: [Double], weights: [Double]? = nil, threshold: Double = 0.5,
                calibrationBins: Int = 10, calibrationStrategy: CalibrationStrategy = .uniform) {
        let ranking = ScoreRanking(probabilities: probabilities)
        metrics = BinaryClassificationMetrics.compute(labels: labels, ranking: ranking, weights: weights, threshold: threshold)
        gains = GainsTable.compute(labels: labels, ranking: ranking, weights: weights)
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
