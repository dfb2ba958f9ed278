/// One candidate of the inner cross-validation.
public struct AdditiveSelectionCandidate: Codable, Sendable, Equatable {
    public var maxBins: Int
    public var roughness: Double
    public var pairs: Int
    /// The ridge on interaction cells tried (nil: main effects only).
    public var pairRidge: Double?
    /// Mean validation log loss over the inner folds.
    public var logLoss: Double
    public var rocAUC: Double

    enum CodingKeys: String, CodingKey { case maxBins = "max_bins", roughness, pairs, pairRidge = "pair_ridge", logLoss = "log_loss", rocAUC = "roc_auc" }
}
