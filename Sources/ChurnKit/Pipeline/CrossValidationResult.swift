/// Stratified k-fold cross-validation of a training recipe, with out-of-fold predictions.
///
/// Every fold refits the whole recipe on its training rows, standardization included; for a
/// labelled table the median fills and the text levels kept or pooled into `(other)` are refitted
/// too (the column types come from the whole file, as a fixed schema would), so nothing from a
/// test fold leaks into its model. With several snapshots per customer, folds keep each customer's rows together.
/// ``CrossValidation/run(_:data:folds:seed:assignment:progress:)`` returns it; the JSON keys are
/// snake_case, as `churn evaluate --json` prints them.
public struct CrossValidationResult: Codable, Sendable {
    /// Number of folds actually used (the given assignment's count when folds were supplied).
    public var folds: Int
    /// Seed of the stratified shuffle, so a run can be repeated exactly.
    public var seed: UInt64
    /// Whether rows were grouped by customer (several snapshots per customer), so no customer
    /// is in both the training and the test rows of a fold.
    public var grouped: Bool
    /// Metrics of the pooled out-of-fold predictions (each row predicted by the model that did not see it).
    public var outOfFold: EvaluationReport
    /// Each fold's own metrics, in fold order.
    public var foldSummaries: [FoldSummary]
    /// Out-of-fold churn probability per row, in the data's row order.
    public var probabilities: [Double]
    /// The fold each row was predicted in (1-based), in the data's row order.
    public var foldOfRow: [Int]

    enum CodingKeys: String, CodingKey {
        case folds, seed, grouped, outOfFold = "out_of_fold", foldSummaries = "fold_summaries", probabilities, foldOfRow = "fold_of_row"
    }

    /// One fold's own metrics, to show how much they vary between folds.
    public struct FoldSummary: Codable, Sendable {
        /// The fold's number, 1-based.
        public var fold: Int
        /// Rows the fold's model was fitted on.
        public var trainingRows: Int
        /// Rows held out and predicted.
        public var testRows: Int
        /// ROC AUC of the held-out rows (NaN, written as null, when they hold a single class).
        @NaNAsNull public var rocAUC: Double
        /// Mean log loss of the held-out rows.
        @NaNAsNull public var logLoss: Double
        /// Whether the fold's fit met its convergence test.
        public var converged: Bool

        enum CodingKeys: String, CodingKey {
            case fold, trainingRows = "training_rows", testRows = "test_rows", rocAUC = "roc_auc", logLoss = "log_loss", converged
        }
    }

    /// Mean of the per-fold AUCs (scikit-learn's `cross_val_score` convention).
    public var meanFoldAUC: Double { foldSummaries.map(\.rocAUC).reduce(0, +) / Double(max(foldSummaries.count, 1)) }
}
