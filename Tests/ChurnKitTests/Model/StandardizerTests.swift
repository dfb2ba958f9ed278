import Testing
@testable import ChurnKit

/// The standardizer's moments: unchanged on ordinary columns, finite on columns near the ends of
/// Double's range (where squares overflow).
struct StandardizerTests {
    /// The plain two-pass moments the scaled ones must reproduce on ordinary data.
    static func plain(_ x: DenseMatrix, weights: [Double]?) -> (means: [Double], deviations: [Double]) {
        let n = x.rows, p = x.columns
        var means = [Double](repeating: 0, count: p), variances = [Double](repeating: 0, count: p), total = 0.0
        for i in 0..<n {
            let w = weights?[i] ?? 1
            total += w
            for j in 0..<p { means[j] += w * x.values[i * p + j] }
        }
        for j in 0..<p { means[j] /= total }
        for i in 0..<n {
            let w = weights?[i] ?? 1
            for j in 0..<p { let d = x.values[i * p + j] - means[j]; variances[j] += w * d * d }
        }
        return (means, variances.map { ($0 / total).squareRoot() })
    }

    @Test func ordinaryColumnsGetTheSameMomentsBitForBit() {
        var generator = SeededGenerator(seed: 7)
        let n = 500, p = 4
        let values = (0..<(n * p)).map { k in
            let u = Double(generator.next() >> 11) / Double(1 << 53)
            return [u * 100 - 30, u * 0.003, (u * 1e6).rounded(), 5][k % p]
        }
        let x = DenseMatrix(rows: n, columns: p, values: values)
        let weights = (0..<n).map { Double($0 % 3) + 0.5 }
        for w in [nil, weights] {
            let fitted = Standardizer.fit(x, weights: w)
            let expected = Self.plain(x, weights: w)
            #expect(fitted.means == expected.means)
            #expect(fitted.standardDeviations == expected.deviations)
        }
    }

    @Test func columnsNearTheEndsOfTheRangeGetFiniteMoments() {
        // ±k·10³⁰⁰ (the plain variance overflows to infinity) and k·10⁻³⁰⁰ (it underflows toward 0).
        let n = 200
        let values = (0..<n).flatMap { i -> [Double] in
            let k = Double(i % 10 + 1)
            return [(i % 2 == 0 ? 1 : -1) * k * 1e300, k * 1e-300]
        }
        let fitted = Standardizer.fit(DenseMatrix(rows: n, columns: 2, values: values))
        #expect(fitted.means.allSatisfy(\.isFinite) && fitted.standardDeviations.allSatisfy { $0.isFinite && $0 > 0 })
        // Even rows +1, +3, …, +9 and odd rows −2, −4, …, −10 (× 10³⁰⁰): mean −0.5·10³⁰⁰,
        // variance (38.5 − 0.25)·10⁶⁰⁰.
        #expect(abs(fitted.means[0] / -5e299 - 1) < 1e-12)
        #expect(abs(fitted.standardDeviations[0] / (1e300 * 38.25.squareRoot()) - 1) < 1e-12)
        // Tiny column: mean 5.5·10⁻³⁰⁰, sd √8.25·10⁻³⁰⁰ (k = 1…10).
        #expect(abs(fitted.means[1] / 5.5e-300 - 1) < 1e-12)
        #expect(abs(fitted.standardDeviations[1] / (8.25.squareRoot() * 1e-300) - 1) < 1e-12)
    }
}
