/// The hyper-parameters of an additive fit, stored in the model file.
public struct AdditiveHyperParameters: Codable, Sendable, Equatable {
    /// Most non-missing bins of a main effect.
    public var maxBins: Int
    /// Most non-missing bins per axis of an interaction grid.
    public var pairBins: Int
    /// λ of the second-difference roughness penalty on main effects.
    public var roughness: Double
    /// λ of the roughness penalty on interaction grids (along both axes).
    public var pairRoughness: Double
    /// The ridge on every table entry (main effects).
    public var ridge: Double
    /// The ridge on interaction cells (strong: pairs overfit otherwise).
    public var pairRidge: Double
    /// Interaction pairs kept.
    public var pairs: Int
    /// The inverse strength of the ridge on the tables, scikit-learn's `C` (larger: less shrinkage).
    public var C: Double
    /// How the tables were fitted; nil (files written before route (b) existed): penalized Newton.
    /// With boosting the roughness, ridges are 0 and the bags' early stopping regularizes.
    public var fitting: AdditiveFitting?
    /// True: each term has its own roughness (``AdditiveTerm/roughness``), estimated from the
    /// training rows starting at `roughness`; nil: `roughness` and `pairRoughness` for every term.
    public var roughnessPerTerm: Bool?

    enum CodingKeys: String, CodingKey {
        case maxBins = "max_bins", pairBins = "pair_bins", roughness, pairRoughness = "pair_roughness", ridge,
             pairRidge = "pair_ridge", pairs, C, fitting, roughnessPerTerm = "roughness_per_term"
    }

    /// The hyper-parameters of one fit.
    public init(maxBins: Int, pairBins: Int, roughness: Double, pairRoughness: Double, ridge: Double, pairRidge: Double, pairs: Int, C: Double,
                fitting: AdditiveFitting? = nil) {
        self.maxBins = maxBins
        self.pairBins = pairBins
        self.roughness = roughness
        self.pairRoughness = pairRoughness
        self.ridge = ridge
        self.pairRidge = pairRidge
        self.pairs = pairs
        self.C = C
        self.fitting = fitting
    }
}
