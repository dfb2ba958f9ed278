/// Out-of-time validation: train with the features and labels of one cut-off, evaluate on a later
/// cut-off. The training rows use only transactions up to the training cut-off plus its holdout;
/// the evaluation features only transactions up to the evaluation cut-off.
public struct BacktestResult: Codable, Sendable {
    /// The latest training cut-off (the last snapshot the model learned from).
    public var trainingCutoff: CalendarDay
    /// The later cut-off whose features and holdout labels the model is evaluated on.
    public var evaluationCutoff: CalendarDay
    /// Days after a cut-off in which no purchase means churned.
    public var horizonDays: Int
    /// Rows (customer × snapshot) the model was fitted on.
    public var trainingRows: Int
    /// Customers evaluated at the evaluation cut-off.
    public var evaluationRows: Int
    /// Metrics of the evaluation rows.
    public var report: EvaluationReport

    enum CodingKeys: String, CodingKey {
        case trainingCutoff = "training_cutoff", evaluationCutoff = "evaluation_cutoff", horizonDays = "horizon_days",
             trainingRows = "training_rows", evaluationRows = "evaluation_rows", report
    }
}
