/// A fitted additive model: `logit = intercept + Σₜ fₜ(x)`, every `fₜ` a lookup table
/// (``AdditiveTerm``) over the bins of one input or of a pair of inputs. It is a
/// ``ScoringKernel`` like the linear model's ``LinearPredictor``: only the contribution of a term
/// differs (a table lookup instead of a standardized product).
///
/// After fitting the model is *purified*: each interaction surface has zero weighted row and
/// column means (its mass a main effect could carry was moved into the main effects), and each
/// main effect has weighted mean zero over the training rows (the intercept carries it). The
/// decomposition is then unique, so a contribution means "relative to an average customer" as a
/// linear model's standardized contribution does.
public struct AdditiveModel: ScoringKernel, Codable, Equatable {
    /// Main effects only, or main effects plus pairwise interactions.
    public var kind: TermsKind
    public var intercept: Double
    /// The terms in the order their contributions are summed (main effects first, then pairs).
    public var terms: [AdditiveTerm]
    /// The hyper-parameters used (chosen by inner cross-validation unless fixed by the user).
    public var settings: AdditiveHyperParameters
    /// Inner cross-validation: each candidate tried and its mean validation log loss.
    public var selection: [AdditiveSelectionCandidate]?

    /// A model from its parts, as the trainer or a model file gives them; the terms are scored as stored.
    public init(kind: TermsKind, intercept: Double, terms: [AdditiveTerm], settings: AdditiveHyperParameters,
                selection: [AdditiveSelectionCandidate]? = nil) {
        self.kind = kind
        self.intercept = intercept
        self.terms = terms
        self.settings = settings
        self.selection = selection
    }

    public var termCount: Int { terms.count }

    /// Term k's table entry for the row's cell. The logit, contributions and the row and matrix
    /// paths are the shared kernel's (``ScoringKernel``).
    @inline(__always)
    public func contribution(_ k: Int, _ row: UnsafePointer<Double>) -> Double { terms[k].contribution(row) }

    /// Terms ordered by mean |contribution| over the training rows, largest first.
    public var rankedTerms: [Int] {
        let importance = terms.map(\.meanAbsoluteContribution)
        return terms.indices.sorted { importance[$0] > importance[$1] || (importance[$0] == importance[$1] && $0 < $1) }
    }
}

