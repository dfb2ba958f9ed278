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
    /// accuracy. `weights` nil = all 1.
    public static func fit(_ x: DenseMatrix, weights: [Double]? = nil) -> Standardizer {
        let n = x.rows, p = x.columns
        var means = [Double](repeating: 0, count: p)
        var variances = [Double](repeating: 0, count: p)
        var total = 0.0
        x.values.withUnsafeBufferPointer { values in
            for i in 0..<n {
                let w = weights?[i] ?? 1
                total += w
                for j in 0..<p { means[j] += w * values[i * p + j] }
            }
            for j in 0..<p { means[j] /= max(total, .leastNormalMagnitude) }
            for i in 0..<n {
                let w = weights?[i] ?? 1
                for j in 0..<p {
                    let d = values[i * p + j] - means[j]
                    variances[j] += w * d * d
                }
            }
        }
        return Standardizer(means: means, standardDeviations: variances.map { ($0 / max(total, .leastNormalMagnitude)).squareRoot() })
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
