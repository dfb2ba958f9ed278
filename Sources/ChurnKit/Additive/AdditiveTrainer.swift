#if canImport(Glibc)
import Glibc
#endif

/// What an additive fit produced.
public struct FittedAdditiveModel: Sendable {
    public var model: AdditiveModel
    /// The inputs that entered the model, in the design's column order.
    public var inputNames: [String]
    /// Inputs dropped because they take a single value.
    public var droppedInputs: [String]
    public var report: TrainingReport
    /// The pairs FAST ranked on the final main-effects model, best first (input indices, gain).
    public var rankedPairs: [InteractionDetection.ScoredPair]
}

/// Fits an additive logistic model (a GAM, or a GA²M with pairs): bins, the penalized objective,
/// a trainer, FAST pair detection, purification, and the inner cross-validation that chooses the
/// number of bins, the roughness and the number of pairs on the training rows.
///
/// The route is penalized Newton / L-BFGS on ``AdditiveObjective`` (the same logistic loss and
/// parameterization as the linear model); pairs are selected by FAST on the main-effects model's
/// residuals and refitted jointly with the main effects under a strong penalty, then purified.
public enum AdditiveTrainer {
    /// - Parameters: `x`: rows × inputs (after the inputs' transforms), row-major; `labels`: 0/1.
    public static func fit(_ x: DenseMatrix, inputNames: [String], labels: [Double], sampleWeights: [Double]? = nil,
                           settings: AdditiveSettings, progress: ProgressReporter = .silent) throws -> FittedAdditiveModel {
        var settings = settings
        precondition(inputNames.count == x.columns, "\(inputNames.count) names for \(x.columns) columns")
        precondition(labels.count == x.rows, "\(labels.count) labels for \(x.rows) rows")
        let started = Clock.seconds()
        let positives = try LogisticRegression.checkLabels(labels)
        try settings.validate()

        // Inputs that take one value carry nothing.
        var kept: [Int] = [], dropped: [String] = []
        for j in 0..<x.columns {
            var low = Double.infinity, high = -Double.infinity
            for i in 0..<x.rows { let v = x[i, j]; if !v.isNaN { low = min(low, v); high = max(high, v) } }
            if low < high { kept.append(j) } else { dropped.append(inputNames[j]) }
        }
        guard !kept.isEmpty else { throw TrainingError.noUsableFeatures(dropped: dropped) }
        let design = kept.count == x.columns ? x : StandardizedColumns.select(x, columns: kept)
        let names = kept.map { inputNames[$0] }
        let problem = Problem(design: design, names: names, labels: labels, weights: sampleWeights, settings: settings)

        // Hyper-parameters: fixed, or chosen on (a sample of) the training rows.
        var chosen = (bins: settings.maxBins ?? 32, roughness: settings.roughness ?? 10, pairs: settings.kind == .additivePairs ? (settings.pairs ?? 0) : 0)
        var selection: [AdditiveSelectionCandidate]? = nil
        let needsPairs = settings.kind == .additivePairs && settings.pairs == nil
        if settings.maxBins == nil || settings.roughness == nil || needsPairs {
            let result = try select(problem, settings: settings, progress: progress)
            chosen = (result.bins, result.roughness, settings.kind == .additivePairs ? (settings.pairs ?? result.pairs) : 0)
            selection = result.candidates
            settings.pairRidge = result.pairRidge
        }

        // The final fit on every training row.
        progress.update(fraction: nil, detail: "final fit: \(chosen.bins) bins, roughness \(NumberText.format(chosen.roughness)), \(chosen.pairs) pairs")
        let layout = Layout(problem.design, names: names, maxBins: chosen.bins, pairBins: settings.pairBins, weights: sampleWeights)
        let allRows = Array(0..<design.rows)
        var mainResult = solve(problem, layout.mainCells, shapes: layout.mainShapes, rows: nil, roughness: chosen.roughness,
                               pairCount: 0, start: nil, settings: settings)
        var terms = layout.mainTerms
        var result = mainResult
        var cells = layout.mainCells
        var ranked: [InteractionDetection.ScoredPair] = []
        if settings.kind == .additivePairs {
            ranked = layout.rankPairs(problem, theta: mainResult.parameters, cells: layout.mainCells, rows: allRows)
            if chosen.pairs > 0 {
                let pairTerms = layout.pairTerms(ranked.prefix(chosen.pairs))
                terms += pairTerms
                cells = TermCells(design: problem.design, terms: terms)
                let shapes = layout.mainShapes + pairTerms.map { $0.binnings.map(\.binCount) }
                let start = mainResult.parameters.dropLast() + [Double](repeating: 0, count: cells.tableParameterCount - layout.mainCells.tableParameterCount)
                    + [mainResult.parameters.last!]
                result = solve(problem, cells, shapes: shapes, rows: nil, roughness: chosen.roughness, pairCount: pairTerms.count,
                               start: Array(start), settings: settings)
            }
        }
        mainResult = result
        var model = AdditiveModel(kind: settings.kind, intercept: result.parameters.last!, terms: terms,
                                  settings: .init(maxBins: chosen.bins, pairBins: settings.pairBins, roughness: chosen.roughness,
                                                  pairRoughness: chosen.roughness * settings.pairRoughnessFactor, ridge: settings.ridge,
                                                  pairRidge: settings.pairRidge, pairs: terms.count - layout.mainTerms.count, C: settings.C),
                                  selection: selection)
        for t in model.terms.indices {
            let offset = cells.offsets[t]
            model.terms[t].contributions = Array(result.parameters[offset..<(offset + cells.cellCounts[t])])
            model.terms[t].rows = cells.cellWeights(term: t, weights: sampleWeights)
        }
        var fineToCoarse: [Int: [[Int]]] = [:]
        var mainOfInput: [Int: Int] = [:]
        for t in layout.mainTerms.indices { mainOfInput[layout.mainTerms[t].inputIndices[0]] = t }
        for t in model.terms.indices where model.terms[t].isInteraction {
            fineToCoarse[t] = model.terms[t].inputIndices.map { layout.fineToCoarse[$0] }
        }
        Purification.purify(&model, fineToCoarse: fineToCoarse, mainOfInput: mainOfInput)
        // A bin no training row reached (say, missing values that never occurred) reads as an average customer.
        for t in model.terms.indices where !model.terms[t].isInteraction {
            for k in model.terms[t].rows.indices where model.terms[t].rows[k] == 0 { model.terms[t].contributions[k] = 0 }
        }

        var diagnostics: [String] = []
        if !dropped.isEmpty { diagnostics.append("dropped \(dropped.count) input(s) that take a single value: \(dropped.joined(separator: ", "))") }
        if !result.converged { diagnostics.append("the solver did not converge (\(result.message)); raise max_iter or loosen tol") }
        let solver = result.solver
        let report = TrainingReport(solver: solver, stoppingRule: solver.stoppingRule, iterations: result.iterations, converged: result.converged,
                                    objective: result.objective, gradientMaxNorm: result.gradientMaxNorm, objectiveHistory: result.objectiveHistory,
                                    seconds: Clock.seconds() - started, message: result.message, rows: labels.count, positives: positives,
                                    diagnostics: diagnostics)
        progress.finish()
        return FittedAdditiveModel(model: model, inputNames: names, droppedInputs: dropped, report: report, rankedPairs: ranked)
    }

    // MARK: Pieces

    /// The training rows.
    struct Problem {
        var design: DenseMatrix
        var names: [String]
        var labels: [Double]
        var weights: [Double]?
        var settings: AdditiveSettings
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
            return InteractionDetection.rank(coarseCells: subset, inputCount: p, binCounts: coarse.map(\.binCount),
                                             gradient: gradient, hessian: hessian, minimumRows: max(10, rows.count / 1000))
        }

        func pairTerms(_ pairs: ArraySlice<InteractionDetection.ScoredPair>) -> [AdditiveTerm] {
            pairs.map { pair in
                AdditiveTerm(inputIndices: [pair.first, pair.second], inputNames: [names[pair.first], names[pair.second]],
                             binnings: [coarse[pair.first], coarse[pair.second]])
            }
        }
    }

    /// Minimizes the penalized objective over `cells` (restricted to `rows`; nil = all).
    static func solve(_ problem: Problem, _ cells: TermCells, shapes: [[Int]], rows: [Int]?, roughness: Double, pairCount: Int,
                      start: [Double]?, settings: AdditiveSettings) -> OptimizationResult {
        let mainCount = cells.termCount - pairCount
        let labels = rows.map { $0.map { problem.labels[$0] } } ?? problem.labels
        let weights = problem.weights.map { w in rows.map { $0.map { w[$0] } } ?? w }
        let subset = rows.map { cells.rows($0) } ?? cells
        let penalty = RoughnessPenalty(cells: subset, shapes: shapes,
                                       roughness: (0..<cells.termCount).map { $0 < mainCount ? roughness : roughness * settings.pairRoughnessFactor },
                                       ridge: (0..<cells.termCount).map { $0 < mainCount ? settings.ridge : settings.pairRidge })
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

    /// The inner cross-validation: bins × roughness on the main effects, then the number of pairs.
    static func select(_ problem: Problem, settings: AdditiveSettings, progress: ProgressReporter)
        throws -> (bins: Int, roughness: Double, pairs: Int, pairRidge: Double, candidates: [AdditiveSelectionCandidate]) {
        // A seeded sample of the rows when there are many.
        var sample = problem
        if problem.design.rows > settings.selectionRows {
            var generator = SeededGenerator(seed: settings.seed)
            var order = Array(0..<problem.design.rows)
            generator.shuffle(&order)
            let rows = Array(order.prefix(settings.selectionRows)).sorted()
            sample.design = LogisticRegression.selectRows(problem.design, rows)
            sample.labels = rows.map { problem.labels[$0] }
            sample.weights = problem.weights.map { w in rows.map { w[$0] } }
        }
        let folds = try StratifiedKFold(foldCount: settings.innerFolds, seed: settings.seed).folds(labels: sample.labels)
        let foldRows = (0..<settings.innerFolds).map { (folds.trainingIndices(fold: $0), folds.testIndices(fold: $0)) }
        let binGrid = settings.maxBins.map { [$0] } ?? settings.binGrid
        let roughnessGrid = (settings.roughness.map { [$0] } ?? settings.roughnessGrid).sorted(by: >)
        var candidates: [AdditiveSelectionCandidate] = []
        var mainThetas: [String: [[Double]]] = [:]
        let steps = Double(binGrid.count * roughnessGrid.count + (settings.kind == .additivePairs ? settings.pairGrid.count * max(1, settings.pairRidgeGrid.count) : 0))
        var done = 0.0

        func score(_ cells: TermCells, _ theta: [Double], _ rows: [Int]) -> (logLoss: Double, auc: Double) {
            let logits = cells.logits(theta)
            let labels = rows.map { sample.labels[$0] }
            let probabilities = rows.map { LogisticLoss.sigmoid(logits[$0]) }
            let metrics = BinaryClassificationMetrics.compute(labels: labels, probabilities: probabilities, weights: sample.weights.map { w in rows.map { w[$0] } })
            return (metrics.logLoss, metrics.rocAUC)
        }

        for bins in binGrid {
            let layout = Layout(sample.design, names: sample.names, maxBins: bins, pairBins: settings.pairBins, weights: sample.weights)
            var losses = [Double](repeating: 0, count: roughnessGrid.count), aucs = losses
            var thetas = [[Double]](repeating: [], count: roughnessGrid.count * foldRows.count)
            for (f, (train, test)) in foldRows.enumerated() {
                var start: [Double]? = nil
                for (r, roughness) in roughnessGrid.enumerated() {
                    let result = solve(sample, layout.mainCells, shapes: layout.mainShapes, rows: train, roughness: roughness, pairCount: 0,
                                       start: start, settings: settings)
                    start = result.parameters
                    thetas[r * foldRows.count + f] = result.parameters
                    let (loss, auc) = score(layout.mainCells, result.parameters, test)
                    losses[r] += loss / Double(foldRows.count)
                    aucs[r] += auc / Double(foldRows.count)
                }
            }
            for (r, roughness) in roughnessGrid.enumerated() {
                candidates.append(.init(maxBins: bins, roughness: roughness, pairs: 0, logLoss: losses[r], rocAUC: aucs[r]))
                mainThetas["\(bins)/\(roughness)"] = (0..<foldRows.count).map { thetas[r * foldRows.count + $0] }
                done += 1
                progress.update(fraction: done / steps, detail: "inner CV: \(bins) bins, roughness \(NumberText.format(roughness)): log loss \(NumberText.fixed(losses[r], 4))")
            }
        }
        let best = candidates.min { $0.logLoss < $1.logLoss }!
        guard settings.kind == .additivePairs, settings.pairs == nil else { return (best.maxBins, best.roughness, 0, settings.pairRidge, candidates) }

        // Pairs: FAST on each inner training part's own residuals, then refit with the top K.
        let layout = Layout(sample.design, names: sample.names, maxBins: best.maxBins, pairBins: settings.pairBins, weights: sample.weights)
        let counts = settings.pairGrid.filter { $0 > 0 }.sorted()
        let ridges = settings.pairRidgeGrid.isEmpty ? [settings.pairRidge] : settings.pairRidgeGrid.sorted(by: >)
        let grid = ridges.flatMap { ridge in counts.map { (ridge, $0) } }
        var losses = [Double](repeating: 0, count: grid.count), aucs = losses
        for (f, (train, test)) in foldRows.enumerated() {
            let mainTheta = mainThetas["\(best.maxBins)/\(best.roughness)"]![f]
            let ranked = layout.rankPairs(sample, theta: mainTheta, cells: layout.mainCells, rows: train)
            let pairTerms = layout.pairTerms(ranked.prefix(counts.last ?? 0))
            let allCells = TermCells(design: sample.design, terms: layout.mainTerms + pairTerms)
            let mainCount = layout.mainTerms.count
            var previous: [Double] = Array(mainTheta.dropLast())
            var previousPairs = 0
            for (k, (ridge, count)) in grid.enumerated() {
                if k > 0 && grid[k - 1].0 != ridge { previous = Array(mainTheta.dropLast()) }
                var trial = settings
                trial.pairRidge = ridge
                let used = min(count, pairTerms.count)
                let cells = allCells.terms(Array(0..<(mainCount + used)))
                let shapes = layout.mainShapes + pairTerms.prefix(used).map { $0.binnings.map(\.binCount) }
                // Warm start: the previous fit's tables, zeros for the new pairs.
                let extra = cells.tableParameterCount - previous.count
                let start = previous + [Double](repeating: 0, count: max(0, extra)) + [mainTheta.last!]
                let result = solve(sample, cells, shapes: shapes, rows: train, roughness: best.roughness, pairCount: used,
                                   start: extra >= 0 ? start : nil, settings: trial)
                previous = Array(result.parameters.dropLast())
                previousPairs = used
                let (loss, auc) = score(cells, result.parameters, test)
                losses[k] += loss / Double(foldRows.count)
                aucs[k] += auc / Double(foldRows.count)
            }
            _ = previousPairs
        }
        for (k, (ridge, count)) in grid.enumerated() {
            candidates.append(.init(maxBins: best.maxBins, roughness: best.roughness, pairs: count, pairRidge: ridge, logLoss: losses[k], rocAUC: aucs[k]))
            done += 1
            progress.update(fraction: done / steps, detail: "inner CV: \(count) pairs, ridge \(NumberText.format(ridge)): log loss \(NumberText.fixed(losses[k], 4))")
        }
        let pairCandidates = candidates.filter { $0.maxBins == best.maxBins && $0.roughness == best.roughness }
        let bestPairs = pairCandidates.min { $0.logLoss < $1.logLoss || ($0.logLoss == $1.logLoss && $0.pairs < $1.pairs) }!
        return (best.maxBins, best.roughness, bestPairs.pairs, bestPairs.pairRidge ?? settings.pairRidge, candidates)
    }
}

extension LogisticRegression {
    /// The rows listed, in that order.
    static func selectRows(_ x: DenseMatrix, _ rows: [Int]) -> DenseMatrix {
        var values = [Double](repeating: 0, count: rows.count * x.columns)
        for (k, i) in rows.enumerated() { for j in 0..<x.columns { values[k * x.columns + j] = x.values[i * x.columns + j] } }
        return DenseMatrix(rows: rows.count, columns: x.columns, values: values)
    }
}
