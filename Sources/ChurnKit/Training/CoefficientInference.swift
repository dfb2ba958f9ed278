#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard errors, z statistics, p-values and 95% intervals for each coefficient, from the
/// inverse Hessian of the objective at the optimum (the observed information).
///
/// With sample weights the Hessian is the weighted one, as statsmodels' `freq_weights` gives. With
/// an L2 penalty the Hessian includes it, so the intervals are those of the penalized estimate and
/// only approximate (they shrink with the penalty); with C large they match the unpenalized MLE.
/// Not computed with an L1 penalty, where the estimate is not smooth in the data.
public struct CoefficientInference: Codable, Sendable, Equatable {
    /// Per coefficient: standard error from the inverse Hessian.
    public var standardErrors: [Double]
    /// Per coefficient: Wald z.
    public var zValues: [Double]
    /// Per coefficient: two-sided p-value.
    public var pValues: [Double]
    /// Per coefficient: lower end of the 95% Wald interval.
    public var lower95: [Double]
    /// Per coefficient: upper end of the 95% Wald interval.
    public var upper95: [Double]

    /// `Φ⁻¹(0.975)`.
    public static let normalQuantile975 = 1.959963984540054

    /// From estimates and their covariance matrix (row-major, q × q).
    public init(estimates: [Double], covariance: [Double]) {
        let q = estimates.count
        let errors = (0..<q).map { covariance[$0 * q + $0].squareRoot() }
        let z = (0..<q).map { estimates[$0] / errors[$0] }
        standardErrors = errors
        zValues = z
        pValues = z.map { erfc(abs($0) / 2.0.squareRoot()) }
        lower95 = (0..<q).map { estimates[$0] - Self.normalQuantile975 * errors[$0] }
        upper95 = (0..<q).map { estimates[$0] + Self.normalQuantile975 * errors[$0] }
    }

    /// Covariance of the original-scale parameters from that of the standardized ones: the map
    /// θ → θ_orig is linear (`A`), so `Cov_orig = A·Cov·Aᵀ` exactly.
    static func originalScaleCovariance(_ covariance: [Double], standardizer: Standardizer, fitIntercept: Bool) -> [Double] {
        let p = standardizer.means.count
        let q = p + (fitIntercept ? 1 : 0)
        var a = DenseMatrix(rows: q, columns: q)
        for j in 0..<p { a[j, j] = 1 / standardizer.standardDeviations[j] }
        if fitIntercept {
            a[p, p] = 1
            for j in 0..<p { a[p, j] = -standardizer.means[j] / standardizer.standardDeviations[j] }
        }
        let sigma = DenseMatrix(rows: q, columns: q, values: covariance)
        return a.multiplied(by: sigma).multiplied(by: a.transposed).values
    }
}
