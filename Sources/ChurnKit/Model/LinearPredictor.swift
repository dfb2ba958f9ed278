/// The linear model's scoring kernel: inputs transformed, standardized, weighted and summed,
///
///     logit = b̃ + Σⱼ β̃ⱼ·(xⱼ − meanⱼ)/stdⱼ,    xⱼ = transformⱼ(raw valueⱼ)
///
/// with the coefficients `β̃` and intercept `b̃` on the standardized scale (what was fitted and
/// penalized). Each term `β̃ⱼ·(xⱼ − meanⱼ)/stdⱼ` is input j's contribution, its share of the logit
/// relative to an average customer, computed in exactly this order (multiply, then divide) by
/// every path: ``LogisticRegression`` after fitting, ``ChurnModel``, ``RiskScorer`` and the SQL
/// exporter, which writes the same expression.
///
/// The row and matrix paths are ``ScoringKernel``'s: one loop over the inputs per row. A BLAS
/// `dgemv` on a standardized copy would add the products in another order (and fuse multiply-adds),
/// changing the last bits of the logits that the committed scores and the scorer's bit-for-bit
/// agreement with evaluation rest on; at a few dozen inputs per row the loop is memory-bound
/// anyway. Training's objective, which evaluates `X·β` hundreds of times on a standardized matrix,
/// is where `dgemv` pays (``LogisticObjective``).
public struct LinearPredictor: ScoringKernel, Equatable {
    /// Per input, the transform applied to the feature column's raw value.
    public var transforms: [FeatureTransform]
    /// Means and standard deviations that put the transformed inputs on the scale the coefficients were fitted on.
    public var standardizer: Standardizer
    /// `β̃`, one per input, on the standardized scale.
    public var coefficients: [Double]
    /// `b̃`, on the standardized scale.
    public var intercept: Double

    /// `transforms` nil: every input enters as it is (a design matrix already transformed).
    public init(transforms: [FeatureTransform]? = nil, standardizer: Standardizer, coefficients: [Double], intercept: Double) {
        precondition(standardizer.means.count == coefficients.count,
                     "the standardizer has \(standardizer.means.count) columns, the coefficients \(coefficients.count)")
        precondition(transforms.map { $0.count == coefficients.count } ?? true,
                     "\(transforms?.count ?? 0) transforms for \(coefficients.count) coefficients")
        self.transforms = transforms ?? [FeatureTransform](repeating: .identity, count: coefficients.count)
        self.standardizer = standardizer
        self.coefficients = coefficients
        self.intercept = intercept
    }

    public var termCount: Int { coefficients.count }

    /// Input j's contribution `β̃ⱼ·(xⱼ − meanⱼ)/stdⱼ`; `row` holds transformed inputs.
    @inline(__always)
    public func contribution(_ j: Int, _ row: UnsafePointer<Double>) -> Double {
        coefficients[j] * (row[j] - standardizer.means[j]) / standardizer.standardDeviations[j]
    }

    /// Input j's transformed value from its feature column's raw value.
    @inline(__always)
    public func transformed(_ j: Int, raw: Double) -> Double { transforms[j].apply(raw) }

    /// The logit of one customer's raw feature values (one per input, before transforms).
    public func logit(rawInputs: [Double]) -> Double {
        precondition(rawInputs.count == termCount, "\(rawInputs.count) values for \(termCount) inputs")
        return logit((0..<termCount).map { transformed($0, raw: rawInputs[$0]) })
    }

    /// The coefficients and intercept per unit of each (transformed) input:
    /// `βⱼ = β̃ⱼ / stdⱼ`, `b = b̃ − Σ β̃ⱼ·meanⱼ/stdⱼ`.
    public var originalScale: (coefficients: [Double], intercept: Double) {
        standardizer.originalScale(coefficients: coefficients, intercept: intercept)
    }
}
