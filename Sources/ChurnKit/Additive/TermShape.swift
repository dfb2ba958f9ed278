#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the roughness penalty needs to know of a term: its bins per axis (one entry for a main
/// effect, two for a pair) and, for a main effect, where its non-missing bins sit on the input's
/// scale, so the penalty can divide each difference by the spacing (`RoughnessPenalty`).
struct TermShape: Sendable, Equatable {
    var bins: [Int]
    /// The centre of each non-missing bin (bins 1…), increasing; nil: evenly spaced (pairs).
    var centres: [Double]?

    init(bins: [Int], centres: [Double]? = nil) {
        self.bins = bins
        self.centres = centres
    }

    /// The centres of `binning`'s non-missing bins: the median training value of each bin, on the
    /// scale a linear model would use — `log1p` for a skewed non-negative input (skewness > 1, more
    /// than two values, as counts and amounts are), the value itself otherwise. `sorted`: the
    /// input's non-missing training values, ascending.
    static func centres(sorted: [Double], binning: InputBinning) -> [Double] {
        let count = binning.binCount - 1
        guard let first = sorted.first, count >= 1 else { return [] }
        let logScale = count > 2 && first >= 0 && skewness(sorted) > 1
        var centres: [Double] = []
        centres.reserveCapacity(count)
        var lower = 0
        for k in 0..<count {
            // Bin k + 1 holds the sorted values in lower..<upper: those ≤ its upper edge.
            var upper = lower
            if k < binning.edges.count {
                let edge = binning.edges[k]
                while upper < sorted.count && sorted[upper] <= edge { upper += 1 }
            } else {
                upper = sorted.count
            }
            let value = upper > lower ? sorted[lower + (upper - lower - 1) / 2] : binning.edges[min(k, binning.edges.count - 1)]
            centres.append(logScale ? log1p(value) : value)
            lower = upper
        }
        return centres
    }

    /// The sample skewness `m₃ / m₂^{3/2}` (0 when the values do not vary or are not finite).
    /// Computed in units of the largest |value| (skewness does not depend on the unit), so values
    /// near 10³⁰⁰ do not overflow their cubes.
    static func skewness(_ values: [Double]) -> Double {
        let n = Double(values.count)
        var unit = 0.0
        for v in values where v.isFinite { unit = max(unit, abs(v)) }
        guard unit > 0 else { return 0 }
        var mean = 0.0
        for v in values { mean += v / unit }
        mean /= n
        var m2 = 0.0, m3 = 0.0
        for v in values { let d = v / unit - mean; m2 += d * d; m3 += d * d * d }
        m2 /= n
        m3 /= n
        let skew = m3 / (m2 * m2.squareRoot())
        return skew.isFinite ? skew : 0
    }
}
