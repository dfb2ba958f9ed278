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
    /// folds); the file then leaves `roc_auc` out, since JSON has no NaN.
    public var rocAUC: Double
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

    public init(maxBins: Int, roughness: Double, pairs: Int, pairRidge: Double? = nil, logLoss: Double, rocAUC: Double, pairBins: Int? = nil,
                fitting: AdditiveFitting? = nil, roughnessPerTerm: Bool? = nil) {
        self.maxBins = maxBins
        self.roughness = roughness
        self.pairs = pairs
        self.pairRidge = pairRidge
        self.logLoss = logLoss
        self.rocAUC = rocAUC
        self.pairBins = pairBins
        self.fitting = fitting
        self.roughnessPerTerm = roughnessPerTerm
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(maxBins: try c.decode(Int.self, forKey: .maxBins), roughness: try c.decode(Double.self, forKey: .roughness),
                  pairs: try c.decode(Int.self, forKey: .pairs), pairRidge: try c.decodeIfPresent(Double.self, forKey: .pairRidge),
                  logLoss: try c.decode(Double.self, forKey: .logLoss), rocAUC: try c.decodeIfPresent(Double.self, forKey: .rocAUC) ?? .nan,
                  pairBins: try c.decodeIfPresent(Int.self, forKey: .pairBins), fitting: try c.decodeIfPresent(AdditiveFitting.self, forKey: .fitting),
                  roughnessPerTerm: try c.decodeIfPresent(Bool.self, forKey: .roughnessPerTerm))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(maxBins, forKey: .maxBins)
        try c.encode(roughness, forKey: .roughness)
        try c.encode(pairs, forKey: .pairs)
        try c.encodeIfPresent(pairRidge, forKey: .pairRidge)
        try c.encode(logLoss, forKey: .logLoss)
        try c.encodeIfPresent(rocAUC.isFinite ? rocAUC : nil, forKey: .rocAUC)
        try c.encodeIfPresent(pairBins, forKey: .pairBins)
        try c.encodeIfPresent(fitting, forKey: .fitting)
        try c.encodeIfPresent(roughnessPerTerm, forKey: .roughnessPerTerm)
    }
}
