/// Column means and population standard deviations, stored with the model so scoring applies the
/// exact transform training used: `x̃ⱼ = (xⱼ − meanⱼ) / stdⱼ`.
///
/// With standardization off, means are 0 and stds 1, so one code path serves both.
public struct Standardizer: Codable, Sendable, Equatable {
    /// Per input: the training mean subtracted.
    public var means: [Double]
    /// Per input: the training standard deviation divided by (1 when standardization is off).
    public var standardDeviations: [Double]

    enum CodingKeys: String, CodingKey { case means, standardDeviations = "standard_deviations" }

    /// A standardizer from stored statistics (one mean and deviation per input).
    public init(means: [Double], standardDeviations: [Double]) {
        precondition(means.count == standardDeviations.count, "\(means.count) means for \(standardDeviations.count) stds")
        self.means = means
        self.standardDeviations = standardDeviations
    }

    /// The identity transform for `count` columns.
    public static func identity(_ count: Int) -> Standardizer {
        Standardizer(means: [Double](repeating: 0, count: count), standardDeviations: [Double](repeating: 1, count: count))
    }

    /// Weighted means and population (ddof = 0) standard deviations of each column, two-pass for
    /// accuracy. `weights` nil = all 1. Each column is summed in units of a power of two near its
    /// largest |value| (exact scaling), so a column of amounts near 10³⁰⁰ gets a finite mean and
    /// spread instead of squares that overflow to infinity.
    public static func fit(_ x: DenseMatrix, weights: [Double]? = nil) -> Standardizer {
        let n = x.rows, p = x.columns
        var means = [Double](repeating: 0, count: p)
        var variances = [Double](repeating: 0, count: p)
        var scales = [Double](repeating: 0, count: p)
        var total = 0.0
        x.values.withUnsafeBufferPointer { values in
            for i in 0..<n { for j in 0..<p where values[i * p + j].isFinite { scales[j] = max(scales[j], abs(values[i * p + j])) } }
            for j in 0..<p { scales[j] = scales[j] > 0 ? Self.powerOfTwo(near: scales[j]) : 1 }
            for i in 0..<n {
                let w = weights?[i] ?? 1
                total += w
                for j in 0..<p { means[j] += w * (values[i * p + j] / scales[j]) }
            }
            for j in 0..<p { means[j] /= max(total, .leastNormalMagnitude) }
            for i in 0..<n {
                let w = weights?[i] ?? 1
                for j in 0..<p {
                    let d = values[i * p + j] / scales[j] - means[j]
                    variances[j] += w * d * d
                }
            }
        }
        let deviations = (0..<p).map { scales[$0] * (variances[$0] / max(total, .leastNormalMagnitude)).squareRoot() }
        return Standardizer(means: (0..<p).map { means[$0] * scales[$0] }, standardDeviations: deviations)
    }

    /// 2^k with 2^k ≤ `value` < 2^(k+1): dividing by it is exact, so ordinary columns (|x| well
    /// inside the range of Double) get the same sums as without scaling, up to the exponent.
    static func powerOfTwo(near value: Double) -> Double {
        Double(sign: .plus, exponent: value.exponent, significand: 1)
    }

    /// A standardized copy of `x`.
    public func transform(_ x: DenseMatrix) -> DenseMatrix {
        precondition(x.columns == means.count, "matrix has \(x.columns) columns, standardizer \(means.count)")
        var out = x
        let p = x.columns
        let inverse = standardDeviations.map { 1 / $0 }
        out.values.withUnsafeMutableBufferPointer { values in
            for i in 0..<x.rows { for j in 0..<p { values[i * p + j] = (values[i * p + j] - means[j]) * inverse[j] } }
        }
        return out
    }

    /// Coefficients fitted on standardized inputs, expressed on the original scale:
    /// `βⱼ = β̃ⱼ / stdⱼ`, `b = b̃ − Σ β̃ⱼ·meanⱼ/stdⱼ`.
    public func originalScale(coefficients: [Double], intercept: Double) -> (coefficients: [Double], intercept: Double) {
        var b = intercept
        var beta = coefficients
        for j in 0..<beta.count {
            beta[j] = coefficients[j] / standardDeviations[j]
            b -= coefficients[j] * means[j] / standardDeviations[j]
        }
        return (beta, b)
    }
}
