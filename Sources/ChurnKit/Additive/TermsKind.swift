/// Which terms a model has: a straight line per input, a learned shape per input, or shapes plus
/// a few pairwise interaction surfaces.
public enum TermsKind: String, Codable, Sendable, CaseIterable {
    /// The logistic regression on standardized inputs (format version 1).
    case linear
    /// One binned shape function per input (a GAM).
    case additive
    /// Shapes plus up to 10 pairwise interactions found by FAST and kept by inner cross-validation (a GA²M).
    case additivePairs = "additive+pairs"
}
