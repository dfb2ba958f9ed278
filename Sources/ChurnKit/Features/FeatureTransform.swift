#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How a feature column enters the model.
public enum FeatureTransform: String, Codable, Sendable, CaseIterable {
    /// The column as it is.
    case identity
    /// `sign(x)·log(1 + |x|)`: tames the long right tails of counts and spend, and stays defined
    /// for refunds (negative spend).
    case log1p

    /// The transformed value; the one definition the scorer and the fitter share (the SQL export
    /// writes the same formula).
    @inline(__always)
    public func apply(_ x: Double) -> Double {
        switch self {
        case .identity: return x
        case .log1p: return x >= 0 ? Foundation_log1p(x) : -Foundation_log1p(-x)
        }
    }
}

@inline(__always) private func Foundation_log1p(_ x: Double) -> Double { log1p(x) }
