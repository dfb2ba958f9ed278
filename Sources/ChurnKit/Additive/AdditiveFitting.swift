/// How an additive model's tables are fitted. Both routes minimize the same logistic loss over the
/// same binned terms, write the same model file (format version 2) and give the same explanations.
public enum AdditiveFitting: String, Codable, Sendable, CaseIterable {
    /// Route (a): penalized Newton / L-BFGS with second-difference roughness penalties and ridges;
    /// bins, roughness, pairs and the pairs' ridge chosen by inner cross-validation.
    case penalizedNewton = "newton"
    /// Route (b), the Explainable Boosting Machine's way: cyclic gradient boosting, one term at a
    /// time with a small learning rate, in bags with early stopping on held-out rows, the bags'
    /// tables averaged (``BoostingSettings``).
    case cyclicBoosting = "boosting"
}
