/// One candidate of the inner cross-validation.
public struct AdditiveSelectionCandidate: Codable, Sendable, Equatable {
    /// Bins per input tried.
    public var maxBins: Int
    /// Roughness penalty tried (larger: smoother shapes).
    public var roughness: Double
    /// Interaction pairs tried (0: main effects only).
    public var pairs: Int
    /// The ridge on interaction cells tried (nil: main effects only).
    public var pairRidge: Double?
    /// Mean validation log loss over the inner folds.
    public var logLoss: Double
    /// Mean validation ROC AUC over the inner folds, reported beside the log loss that chooses.
    /// NaN when undefined (a validation fold held one class only: too few churners for the inner
    /// folds), written as `null`.
    @NaNAsNull public var rocAUC: Double
    /// Bins per axis of the interaction grids tried (nil: main effects only).
    public var pairBins: Int?
    /// The route of this candidate: nil is penalized Newton (and files written before route (b)).
    public var fitting: AdditiveFitting?
    /// True: one roughness per term and axis, estimated from `roughness` (``AdditiveSettings/roughnessPerTerm``);
    /// nil: `roughness` for every term.
    public var roughnessPerTerm: Bool?

    enum CodingKeys: String, CodingKey {
        case maxBins = "max_bins", roughness, pairs, pairRidge = "pair_ridge", logLoss = "log_loss", rocAUC = "roc_auc", pairBins = "pair_bins", fitting,
             roughnessPerTerm = "roughness_per_term"
    }
}
