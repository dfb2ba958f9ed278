import Foundation
import Testing
@testable import ChurnKit

/// The additive model's numbers on inputs near the ends of Double's range: the penalty's weights,
/// the skewness that picks a log scale, the coarse grids of pairs and the ranges people read.
struct ExtremeMagnitudeTests {
    @Test func dividedDifferenceWeightsDoNotDependOnTheUnit() {
        let centres = [0.0, 1, 3, 3.5, 7, 12]
        let unit = RoughnessPenalty.dividedDifferenceWeights(centres)
        for scale in [1e-300, 1e300, 1.4e307] {
            let scaled = RoughnessPenalty.dividedDifferenceWeights(centres.map { $0 * scale })
            #expect(scaled.count == unit.count)
            for (a, b) in zip(scaled, unit) { #expect(abs(a - b) <= 1e-12 * abs(b)) }
        }
        // Centres spanning ±1.5·10³⁰⁸ (their difference overflows): still finite, still (1, −2, 1) when even.
        let even = RoughnessPenalty.dividedDifferenceWeights([-1.5e308, 0, 1.5e308])
        #expect(even.count == 3 && zip(even, [1.0, -2, 1]).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func skewnessDoesNotDependOnTheUnit() {
        let values = [0.0, 0, 1, 1, 2, 3, 5, 8, 13, 40]
        let unit = TermShape.skewness(values)
        #expect(unit > 1)
        for scale in [1e-300, 1e300, 4e306] {
            #expect(abs(TermShape.skewness(values.map { $0 * scale }) - unit) < 1e-12 * unit)
        }
    }

    @Test func theTopFineBinMapsToTheTopCoarseBinAtAnyMagnitude() {
        // Above 2⁵³, `edge + 1 == edge`: the top fine bin must still map above the last coarse edge.
        for scale in [1.0, 1e20, 1e300] {
            let fine = InputBinning(edges: (1...15).map { Double($0) * scale }, integerValued: scale == 1)
            // 15 light bins then a heavy one: the coarse edges fall at 5, 10 and 15, the last fine edge.
            let (coarse, map) = fine.coarsened(rows: [0] + [Double](repeating: 1, count: 15) + [5], maxBins: 4)
            #expect(coarse.edges == [5, 10, 15].map { $0 * scale })
            #expect(map.last == coarse.binCount - 1)
            #expect(map == map.sorted())
        }
    }

    @Test func rangesReadFourSignificantDigitsAtAnyMagnitude() {
        #expect(InputBinning.short(9.496294930407904e299) == "9.496e+299")
        #expect(InputBinning.short(1.5e-300) == "1.5e-300")
        #expect(InputBinning.short(0.25) == "0.25")
        #expect(InputBinning.short(1250) == "1250")
        let tiny = InputBinning(edges: [1e-300, 2e-300], integerValued: false)
        #expect(tiny.rangeText(2) == "(1e-300, 2e-300]")
    }

    @Test func anUndefinedAUCIsWrittenAsNull() throws {
        let candidate = AdditiveSelectionCandidate(maxBins: 16, roughness: 10, pairs: 0, logLoss: 0.3, rocAUC: .nan)
        let data = try JSONEncoder().encode(candidate)
        #expect(String(decoding: data, as: UTF8.self).contains("\"roc_auc\":null"))
        let read = try JSONDecoder().decode(AdditiveSelectionCandidate.self, from: data)
        #expect(read.rocAUC.isNaN && read.logLoss == 0.3 && read.maxBins == 16)
        let defined = AdditiveSelectionCandidate(maxBins: 32, roughness: 1, pairs: 2, pairRidge: 10, logLoss: 0.4, rocAUC: 0.8, pairBins: 8)
        #expect(try JSONDecoder().decode(AdditiveSelectionCandidate.self, from: JSONEncoder().encode(defined)) == defined)
    }
}
