#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
        var mainShapes: [[Int]]
        var coarse: [InputBinning]
        var fineToCoarse: [[Int]]
        /// rows × inputs: each row's coarse bin per input, for FAST.
        var coarseCells: [UInt16]
        var names: [String]

        init(_ design: DenseMatrix, names: [String], maxBins: Int, pairBins: Int, weights: [Double]?) {
            self.names = names
            let p = design.columns
            var columns = [[Double]](repeating: [], count: p)
            for j in 0..<p { columns[j] = (0..<design.rows).map { design[$0, j] } }
            mainTerms = (0..<p).map { j in
                AdditiveTerm(inputIndices: [j], inputNames: [names[j]], binnings: [InputBinning.fit(columns[j], maxBins: maxBins)])
            }
            mainCells = TermCells(design: design, terms: mainTerms)
            mainShapes = mainTerms.map { [$0.binnings[0].binCount] }
            var coarse: [InputBinning] = [], maps: [[Int]] = []
            for j in 0..<p {
                let (binning, map) = mainTerms[j].binnings[0].coarsened(rows: mainCells.cellWeights(term: j, weights: nil), maxBins: pairBins)
                coarse.append(binning)
                maps.append(map)
            }
            self.coarse = coarse
            fineToCoarse = maps
            var cells = [UInt16](repeating: 0, count: design.rows * p)
            mainCells.cells.withUnsafeBufferPointer { fine in
                for i in 0..<design.rows { for j in 0..<p { cells[i * p + j] = UInt16(maps[j][Int(fine[i * p + j])]) } }
            }
            coarseCells = cells
        }

        /// FAST on the residuals of the model `theta` over `cells`, on the rows listed.
        func rankPairs(_ problem: Problem, theta: [Double], cells: TermCells, rows: [Int]) -> [InteractionDetection.ScoredPair] {
            let logits = cells.logits(theta)
            let p = coarse.count
            var gradient = [Double](repeating: 0, count: rows.count), hessian = gradient
            var subset = [UInt16](repeating: 0, count: rows.count * p)
            for (k, i) in rows.enumerated() {
                let s = LogisticLoss.sigmoid(logits[i])
                let w = problem.weights?[i] ?? 1
                gradient[k] = w * (s - problem.labels[i])
                hessian[k] = w * s * (1 - s)
                for j in 0..<p { subset[k * p + j] = coarseCells[i * p + j] }
            }
            // A constrained input stays out of the pairs, so the whole logit is monotone along it.
            return InteractionDetection.rank(coarseCells: subset, inputCount: p, binCounts: coarse.map(\.binCount),
                                             gradient: gradient, hessian: hessian, minimumRows: max(10, rows.count / 1000))
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
    static func penalty(_ cells: TermCells, shapes: [[Int]], roughness: Double, pairCount: Int, settings: AdditiveSettings) -> RoughnessPenalty {
        let mainCount = cells.termCount - pairCount
        return RoughnessPenalty(cells: cells, shapes: shapes,
                                roughness: (0..<cells.termCount).map { $0 < mainCount ? roughness : roughness * settings.pairRoughnessFactor },
                                ridge: (0..<cells.termCount).map { $0 < mainCount ? settings.ridge : settings.pairRidge })
    }

    /// Minimizes the penalized objective over `cells` (restricted to `rows`; nil = all), ignoring
    /// monotone constraints (`solve` applies them).
    /// With `tiedTo`, `cells` ties bins of `tiedTo.fine` (`maps`: term → bin → tied bin), `shapes`
    /// are the fine shapes, and the penalty is the fine one on the expanded tables.
    static func solveUnconstrained(_ problem: Problem, _ cells: TermCells, shapes: [[Int]], rows: [Int]?, roughness: Double, pairCount: Int,
                                   start: [Double]?, settings: AdditiveSettings,
                                   tiedTo: (fine: TermCells, maps: [Int: [Int]])? = nil) -> OptimizationResult {
        let labels = rows.map { $0.map { problem.labels[$0] } } ?? problem.labels
        let weights = problem.weights.map { w in rows.map { $0.map { w[$0] } } ?? w }
        let subset = rows.map { cells.rows($0) } ?? cells
        var penalty = self.penalty(tiedTo?.fine ?? subset, shapes: shapes, roughness: roughness, pairCount: pairCount, settings: settings)
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
