#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

extension AdditiveTrainer {
    /// The training rows.
    struct Problem {
        var design: DenseMatrix
        var names: [String]
        var labels: [Double]
        var weights: [Double]?
        var settings: AdditiveSettings
        /// Monotone constraints by input index (= main-effect term index).
        var monotone: [Int: MonotoneDirection] = [:]
    }

    /// Binnings and cells for one bin budget.
    struct Layout {
        var mainTerms: [AdditiveTerm]
        var mainCells: TermCells
        var mainShapes: [TermShape]
        var coarse: [InputBinning]
        var fineToCoarse: [[Int]]
        /// rows × inputs: each row's coarse bin per input, for FAST.
        var coarseCells: [UInt16]
        var names: [String]

        init(_ design: DenseMatrix, names: [String], maxBins: Int, pairBins: Int, weights: [Double]?) {
            self.names = names
            let p = design.columns
            var fine = [UInt16](repeating: 0, count: design.rows * p), coarseCells = fine
            let inputs = Self.binColumns(design, maxBins: maxBins, pairBins: pairBins, fine: &fine, coarse: &coarseCells)
            let terms = (0..<p).map { j in AdditiveTerm(inputIndices: [j], inputNames: [names[j]], binnings: [inputs[j].binning]) }
            mainTerms = terms
            mainCells = TermCells(cells: fine, rows: design.rows, cellCounts: terms.map(\.cellCount))
            mainShapes = inputs.map { TermShape(bins: [$0.binning.binCount], centres: $0.centres) }
            coarse = inputs.map(\.coarse)
            fineToCoarse = inputs.map(\.fineToCoarse)
            self.coarseCells = coarseCells
        }

        /// One input's binnings: fine, with the bins' centres, and coarse for the pair grids.
        struct BinnedInput {
            var binning = InputBinning(edges: [], integerValued: true)
            var centres: [Double] = []
            var coarse = InputBinning(edges: [], integerValued: true)
            var fineToCoarse: [Int] = []
        }

        /// Every input binned, the inputs shared between the cores. Each core copies its inputs'
        /// columns out in one pass over the rows, then per input: sorts the column (quantile
        /// edges, centres), bins it into `fine` (counting rows per bin), coarsens the bins for the
        /// pair grids and writes `coarse`. Both are rows × inputs, row-major, as `TermCells`.
        static func binColumns(_ design: DenseMatrix, maxBins: Int, pairBins: Int, fine: inout [UInt16], coarse: inout [UInt16]) -> [BinnedInput] {
            let p = design.columns, n = design.rows
            let threads = n >= 32768 ? min(p, max(1, System.activeProcessorCount)) : 1
            var inputs = [BinnedInput](repeating: BinnedInput(), count: p)
            inputs.withUnsafeMutableBufferPointer { inputs in
                fine.withUnsafeMutableBufferPointer { fine in
                    coarse.withUnsafeMutableBufferPointer { coarse in
                        let out = (inputs: SendablePointer(inputs.baseAddress!), fine: SendablePointer(fine.baseAddress!),
                                   coarse: SendablePointer(coarse.baseAddress!))
                        DispatchQueue.concurrentPerform(iterations: threads) { thread in
                            let mine = Array(stride(from: thread, to: p, by: threads))
                            var columns = [Double](repeating: 0, count: mine.count * n)
                            design.values.withUnsafeBufferPointer { x in
                                for i in 0..<n { for (k, j) in mine.enumerated() { columns[k * n + i] = x[i * p + j] } }
                            }
                            for (k, j) in mine.enumerated() {
                                columns.withUnsafeBufferPointer { all in
                                    out.inputs.pointer[j] = binColumn(UnsafeBufferPointer(rebasing: all[(k * n)..<((k + 1) * n)]), input: j, of: p,
                                                                      maxBins: maxBins, pairBins: pairBins, fine: out.fine.pointer, coarse: out.coarse.pointer)
                                }
                            }
                        }
                    }
                }
            }
            return inputs
        }

        /// One column (input `j` of `p`): its binnings, its fine and coarse cells written into column `j` of `fine` and `coarse`.
        static func binColumn(_ column: UnsafeBufferPointer<Double>, input j: Int, of p: Int, maxBins: Int, pairBins: Int,
                              fine: UnsafeMutablePointer<UInt16>, coarse: UnsafeMutablePointer<UInt16>) -> BinnedInput {
            let sorted = DoubleRadixSort.sortedIgnoringNaN(column)
            var input = BinnedInput()
            input.binning = InputBinning.fit(sorted: sorted, maxBins: maxBins)
            input.centres = TermShape.centres(sorted: sorted, binning: input.binning)
            var rows = [Double](repeating: 0, count: input.binning.binCount)
            input.binning.edges.withUnsafeBufferPointer { edges in
                for i in 0..<column.count {
                    let bin = InputBinning.bin(column[i], edges: edges)
                    fine[i * p + j] = UInt16(truncatingIfNeeded: bin)
                    rows[bin] += 1
                }
            }
            (input.coarse, input.fineToCoarse) = input.binning.coarsened(rows: rows, maxBins: pairBins)
            for i in 0..<column.count { coarse[i * p + j] = UInt16(truncatingIfNeeded: input.fineToCoarse[Int(fine[i * p + j])]) }
            return input
        }

        /// The same main effects with interaction grids of at most `pairBins` bins per axis,
        /// coarsened again from the fine bins (rows per bin counted from the cells; the design is
        /// not binned again).
        func regridded(pairBins: Int) -> Layout {
            var layout = self
            let p = coarse.count, n = mainCells.rows
            for j in 0..<p {
                let binning = mainTerms[j].binnings[0]
                var rows = [Double](repeating: 0, count: binning.binCount)
                for i in 0..<n { rows[Int(mainCells.cells[i * p + j])] += 1 }
                (layout.coarse[j], layout.fineToCoarse[j]) = binning.coarsened(rows: rows, maxBins: pairBins)
                for i in 0..<n { layout.coarseCells[i * p + j] = UInt16(truncatingIfNeeded: layout.fineToCoarse[j][Int(mainCells.cells[i * p + j])]) }
            }
            return layout
        }

        /// These main effects' cells plus those of `pairs` (over the coarse binnings), read from
        /// the coarse cells instead of binning the design again.
        func cells(withPairs pairs: [AdditiveTerm]) -> TermCells {
            let p = coarse.count
            let pairInputs = pairs.map { ($0.inputIndices[0], $0.inputIndices[1], coarse[$0.inputIndices[1]].binCount) }
            return mainCells.appending(cellCounts: pairs.map(\.cellCount)) { i, out in
                for (k, (a, b, width)) in pairInputs.enumerated() {
                    out[k] = UInt16(truncatingIfNeeded: Int(coarseCells[i * p + a]) * width + Int(coarseCells[i * p + b]))
                }
            }
        }

        /// FAST on the residuals of the model `theta` over `cells`, on the rows listed (nil: every row).
        func rankPairs(_ problem: Problem, theta: [Double], cells: TermCells, rows: [Int]?) -> [InteractionDetection.ScoredPair] {
            let logits = cells.logits(theta)
            let p = coarse.count
            let count = rows?.count ?? problem.labels.count
            var gradient = [Double](repeating: 0, count: count), hessian = gradient
            for k in 0..<count {
                let i = rows?[k] ?? k
                let s = LogisticLoss.sigmoid(logits[i])
                let w = problem.weights?[i] ?? 1
                gradient[k] = w * (s - problem.labels[i])
                hessian[k] = w * s * (1 - s)
            }
            let subset = rows.map { rows in
                var subset = [UInt16](repeating: 0, count: rows.count * p)
                for (k, i) in rows.enumerated() { for j in 0..<p { subset[k * p + j] = coarseCells[i * p + j] } }
                return subset
            } ?? coarseCells
            // A constrained input stays out of the pairs, so the whole logit is monotone along it.
            return InteractionDetection.rank(coarseCells: subset, inputCount: p, binCounts: coarse.map(\.binCount),
                                             gradient: gradient, hessian: hessian, minimumRows: max(10, count / 1000))
                .filter { problem.monotone[$0.first] == nil && problem.monotone[$0.second] == nil }
        }

        func pairTerms(_ pairs: ArraySlice<InteractionDetection.ScoredPair>) -> [AdditiveTerm] {
            pairs.map { pair in
                AdditiveTerm(inputIndices: [pair.first, pair.second], inputNames: [names[pair.first], names[pair.second]],
                             binnings: [coarse[pair.first], coarse[pair.second]])
            }
        }
    }

    /// The roughness penalty and ridges of a layout (the pairs last).
    /// `strengths`: λ per term and axis (per-term roughness); nil: `roughness` for every main effect
    /// and `settings.pairRoughness(mainRoughness:)` for every pair.
    static func penalty(_ cells: TermCells, shapes: [TermShape], roughness: Double, pairCount: Int, settings: AdditiveSettings,
                        strengths: [[Double]]? = nil) -> RoughnessPenalty {
        let mainCount = cells.termCount - pairCount
        return RoughnessPenalty(cells: cells, shapes: shapes,
                                strengths: strengths ?? sharedStrengths(shapes: shapes, roughness: roughness, pairCount: pairCount, settings: settings),
                                ridge: (0..<cells.termCount).map { $0 < mainCount ? settings.ridge : settings.pairCellRidge })
    }

    /// One λ per term and axis: `roughness` for the main effects, the pairs' roughness for each pair's two axes.
    static func sharedStrengths(shapes: [TermShape], roughness: Double, pairCount: Int, settings: AdditiveSettings) -> [[Double]] {
        let mainCount = shapes.count - pairCount
        return shapes.indices.map { t in
            [Double](repeating: t < mainCount ? roughness : settings.pairRoughness(mainRoughness: roughness), count: shapes[t].bins.count)
        }
    }

    /// `cells`, the labels and the sample weights restricted to `rows` (nil: all of them).
    static func restrict(_ problem: Problem, _ cells: TermCells, to rows: [Int]?) -> (cells: TermCells, labels: [Double], weights: [Double]?) {
        guard let rows else { return (cells, problem.labels, problem.weights) }
        return (cells.rows(rows), rows.map { problem.labels[$0] }, problem.weights.map { w in rows.map { w[$0] } })
    }

    /// Minimizes the penalized objective over `cells` (restricted to `rows`; nil = all), ignoring
    /// monotone constraints (`solve` applies them).
    /// With `tiedTo`, `cells` ties bins of `tiedTo.fine` (`maps`: term → bin → tied bin), `shapes`
    /// are the fine shapes, and the penalty is the fine one on the expanded tables.
    static func solveUnconstrained(_ problem: Problem, _ cells: TermCells, shapes: [TermShape], rows: [Int]?, roughness: Double, pairCount: Int,
                                   start: [Double]?, settings: AdditiveSettings,
                                   tiedTo: (fine: TermCells, maps: [Int: [Int]])? = nil, strengths: [[Double]]? = nil) -> OptimizationResult {
        let (subset, labels, weights) = restrict(problem, cells, to: rows)
        var penalty = self.penalty(tiedTo?.fine ?? subset, shapes: shapes, roughness: roughness, pairCount: pairCount, settings: settings,
                                   strengths: strengths)
        if let tiedTo { penalty = penalty.tied(fine: tiedTo.fine, pooled: cells, maps: tiedTo.maps) }
        let objective = AdditiveObjective(cells: subset, labels: labels, sampleWeights: weights, C: settings.C, penalty: penalty)
        var theta = start ?? [Double](repeating: 0, count: objective.parameterCount)
        if start == nil {
            var total = 0.0, positive = 0.0
            for i in labels.indices { let w = weights?[i] ?? 1; total += w; positive += w * labels[i] }
            let rate = min(max(positive / total, 1e-6), 1 - 1e-6)
            theta[objective.parameterCount - 1] = log(rate / (1 - rate))
        }
        let solver = settings.solver ?? SolverRules.automatic(for: .additive, parameterCount: objective.parameterCount)
        return solver.trainer.minimize(objective, from: theta, settings: settings.solverSettings)
    }
}
