import Foundation
import Testing
@testable import ChurnKit

/// The fast paths of the additive fit's set-up (issue 12's fit time) against the plain
/// definitions they replace: the radix sort against `sorted()`, the fused column binning against
/// `TermCells(design:terms:)` and `coarsened`, pair cells read from the coarse cells against
/// binning the design, and FAST's batched grids against each pair ranked on its own.
struct BinningPassTests {
    /// Awkward doubles: both zeros, infinities, subnormals, NaN, negatives, heavy ties.
    static func awkward(count: Int, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        let specials: [Double] = [0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                  .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1, -1]
        return (0..<count).map { _ in
            let r = generator.next()
            switch r % 5 {
            case 0: return specials[Int((r >> 8) % UInt64(specials.count))]
            case 1: return Double(Int64(bitPattern: r) >> 40)
            case 2: return Double(bitPattern: generator.next())  // any bit pattern, NaNs included
            default: return (Double(r >> 11) / Double(1 << 53) - 0.5) * 1e6
            }
        }
    }

    @Test(arguments: [0, 1, 7, DoubleRadixSort.minimumCount - 1, DoubleRadixSort.minimumCount, 50_000])
    func radixSortOrdersLikeTheComparisonSort(count: Int) {
        let values = Self.awkward(count: count, seed: UInt64(count) + 3)
        let sorted = values.withUnsafeBufferPointer(DoubleRadixSort.sortedIgnoringNaN)
        let reference = values.filter { !$0.isNaN }.sorted()
        #expect(sorted.count == reference.count)
        // Equal as doubles (−0 == +0), and never out of order.
        #expect(sorted == reference)
        #expect(zip(sorted, sorted.dropFirst()).allSatisfy { !($1 < $0) })
        #expect(sorted.allSatisfy { !$0.isNaN })
    }

    @Test func radixSortKeysPreserveOrder() {
        let values = Self.awkward(count: 4000, seed: 11).filter { !$0.isNaN }
        for (a, b) in zip(values, values.dropFirst()) {
            let (ka, kb) = (DoubleRadixSort.key(a), DoubleRadixSort.key(b))
            if a < b { #expect(ka < kb) } else if b < a { #expect(kb < ka) }
            #expect(DoubleRadixSort.value(ka).bitPattern == a.bitPattern)
        }
    }

    /// A design whose columns have ties, missing values, few values and wide ranges.
    static func design(rows n: Int, seed: UInt64) -> DenseMatrix {
        var generator = SeededGenerator(seed: seed)
        var values: [Double] = []
        for _ in 0..<n {
            let u = Double(generator.next() >> 11) / Double(1 << 53)
            values += [u * 100, (u * 7).rounded(.down), u < 0.1 ? .nan : u * u, Double(generator.next() % 3),
                       u < 0.5 ? -u : 1e9 * u, Double(generator.next() >> 11) / Double(1 << 53)]
        }
        return DenseMatrix(rows: n, columns: 6, values: values)
    }

    // 40,000 rows: the column binning runs on two threads; 500: on one.
    @Test(arguments: [500, 40_000])
    func fusedBinningEqualsBinningEachRow(rows: Int) {
        let x = Self.design(rows: rows, seed: UInt64(rows))
        let names = (0..<x.columns).map { "x\($0)" }
        let layout = AdditiveTrainer.Layout(x, names: names, maxBins: 16, pairBins: 4, weights: nil)
        for j in 0..<x.columns {
            let column = (0..<x.rows).map { x[$0, j] }
            #expect(layout.mainTerms[j].binnings[0] == InputBinning.fit(column, maxBins: 16))
        }
        let reference = TermCells(design: x, terms: layout.mainTerms)
        #expect(layout.mainCells.cells == reference.cells)
        #expect(layout.mainCells.offsets == reference.offsets)
        for j in 0..<x.columns {
            let (coarse, map) = layout.mainTerms[j].binnings[0].coarsened(rows: reference.cellWeights(term: j, weights: nil), maxBins: 4)
            #expect(layout.coarse[j] == coarse)
            #expect(layout.fineToCoarse[j] == map)
            for i in 0..<x.rows { #expect(Int(layout.coarseCells[i * x.columns + j]) == coarse.bin(x[i, j])) }
        }
        // Pair cells from the coarse cells equal binning the design with the pair terms.
        let pairs = layout.pairTerms([InteractionDetection.ScoredPair(first: 0, second: 2, gain: 1),
                                      InteractionDetection.ScoredPair(first: 3, second: 5, gain: 1)][...])
        let withPairs = layout.cells(withPairs: pairs)
        let direct = TermCells(design: x, terms: layout.mainTerms + pairs)
        #expect(withPairs.cells == direct.cells)
        #expect(withPairs.offsets == direct.offsets)
        #expect(withPairs.cellCounts == direct.cellCounts)
    }

    /// Many pairs on 64×64 grids split into several batches per core; every pair's gain must be
    /// the one it gets when ranked alone.
    @Test func batchedPairGridsScoreEachPairAsAlone() {
        let n = 3000, p = 12, bins = 66
        var generator = SeededGenerator(seed: 5)
        let cells = (0..<(n * p)).map { _ in UInt16(generator.next() % UInt64(bins)) }
        let gradient = (0..<n).map { _ in Double(generator.next() >> 11) / Double(1 << 53) - 0.5 }
        let hessian = (0..<n).map { _ in 0.05 + Double(generator.next() >> 11) / Double(1 << 53) / 4 }
        let ranked = InteractionDetection.rank(coarseCells: cells, inputCount: p, binCounts: [Int](repeating: bins, count: p),
                                               gradient: gradient, hessian: hessian, minimumRows: 5)
        #expect(ranked.count > 1)
        for pair in ranked {
            var two = [UInt16](repeating: 0, count: 2 * n)
            for i in 0..<n { two[2 * i] = cells[i * p + pair.first]; two[2 * i + 1] = cells[i * p + pair.second] }
            let alone = InteractionDetection.rank(coarseCells: two, inputCount: 2, binCounts: [bins, bins], gradient: gradient,
                                                  hessian: hessian, minimumRows: 5)
            #expect(alone.first?.gain == pair.gain)
        }
    }
}

/// The main effects' roughness penalty in the input's units (divided differences over bin centres).
struct DividedDifferenceTests {
    @Test func evenlySpacedCentresGiveSecondDifferences() {
        let weights = RoughnessPenalty.dividedDifferenceWeights([2, 5, 8, 11, 14])
        #expect(weights.count == 9)
        for (k, w) in weights.enumerated() { #expect(isClose(w, [1.0, -2, 1][k % 3], absolute: 1e-12, relative: 1e-12)) }
    }

    /// A straight line in the centres costs nothing however uneven the spacing; a bend costs.
    @Test func straightLinesAreFreeAndBendsAreNot() {
        let centres: [Double] = [0, 0.1, 0.15, 1, 3, 3.2, 10, 40]
        let shape = TermShape(bins: [centres.count + 1], centres: centres)
        let cells = TermCells(cells: [], rows: 0, cellCounts: [centres.count + 1])
        let penalty = RoughnessPenalty(cells: cells, shapes: [shape], roughness: [7], ridge: [0])
        func cost(_ f: (Double) -> Double) -> Double {
            let theta = [0.0] + centres.map(f)
            return theta.withUnsafeBufferPointer { penalty.value($0.baseAddress!, gradient: nil) }
        }
        #expect(abs(cost { 0.3 - 0.05 * $0 }) < 1e-20 + 1e-12)
        #expect(cost { $0 * $0 / 40 } > 1e-3)
        // Index-space second differences (no centres) would charge the same line.
        let even = RoughnessPenalty(cells: cells, shapes: [TermShape(bins: [centres.count + 1])], roughness: [7], ridge: [0])
        let line = [0.0] + centres.map { 0.3 - 0.05 * $0 }
        #expect(line.withUnsafeBufferPointer { even.value($0.baseAddress!, gradient: nil) } > 1e-3)
    }

    @Test func centresAreBinMediansOnALogScaleWhenSkewed() {
        // Counts: skewed, non-negative → log1p of each bin's median.
        let counts = ((0..<1000).map { Double($0 % 10) } + (0..<60).map { Double(100 + $0 * 50) }).sorted()
        let binning = InputBinning.fit(counts, maxBins: 8)
        let centres = TermShape.centres(sorted: counts, binning: binning)
        #expect(centres.count == binning.binCount - 1)
        #expect(TermShape.skewness(counts) > 1)
        for k in 0..<centres.count {
            let members = counts.filter { binning.bin($0) == k + 1 }
            #expect(isClose(centres[k], log1p(members[(members.count - 1) / 2]), absolute: 1e-12, relative: 1e-12))
        }
        #expect(zip(centres, centres.dropFirst()).allSatisfy { $0 < $1 })
        // Symmetric values (and any with negatives) stay on their own scale.
        let symmetric = (0..<500).map { Double($0) - 250 }
        let plain = TermShape.centres(sorted: symmetric, binning: InputBinning.fit(symmetric, maxBins: 5))
        #expect(plain.allSatisfy { $0 == $0.rounded() })
    }
}

/// A report's cross-validation refits an additive model's own recipe.
struct AdditiveRefitTests {
    @Test func refittingSettingsReproduceTheModel() throws {
        let data = PlantedData.make(rows: 3000)
        var settings = AdditiveSettings(kind: .additivePairs, maxBins: 16, roughness: 10, pairs: 1)
        settings.monotone = ["step": .increasing]
        settings.seed = 3
        let first = try AdditiveTrainer.fit(data.x, inputNames: PlantedData.names, labels: data.y, settings: settings).model
        let again = try AdditiveTrainer.fit(data.x, inputNames: PlantedData.names, labels: data.y,
                                            settings: AdditiveSettings(refitting: first, seed: 3)).model
        #expect(again.terms == first.terms)
        #expect(again.intercept == first.intercept)
        #expect(again.settings == first.settings)
    }
}
