import ArgumentParser

/// The model kinds `churn train --kind` fits and `churn evaluate --compare` compares.
enum ModelKind: String, ExpressibleByArgument, CaseIterable {
    /// The logistic regression on the feature columns (the default).
    case logistic
    /// BG/NBD (Fader, Hardie and Lee 2005) with a Gamma-Gamma spend model.
    case bgnbd
}
