/// How features are computed from a transaction log, and the values fitted in training that
/// scoring must replay.
public struct TransactionFeatureSpec: Codable, Sendable, Equatable {
    /// The log's customer, date and amount columns the model was trained with.
    public var columns: TransactionColumns
    /// The cut-off of the training data (scoring uses its own `--as-of` date).
    public var trainingCutoffs: [CalendarDay]
    /// The holdout length that defined the label; also the horizon of `expected_value_at_risk`.
    public var horizonDays: Int
    /// One-time buyers' gap for `overdue_ratio`, fitted on the training data.
    public var referenceGapDays: Double
    /// The definition of each feature column, for people reading the file.
    public var definitions: [String: String]

    enum CodingKeys: String, CodingKey {
        case columns, trainingCutoffs = "training_cutoffs", horizonDays = "horizon_days",
             referenceGapDays = "reference_gap_days", definitions
    }
}
