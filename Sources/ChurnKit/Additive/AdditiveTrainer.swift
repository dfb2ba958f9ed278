#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Fits an additive logistic model (a GAM, or a GA²M with pairs): bins, the penalized objective,
/// a trainer, FAST pair detection, purification, and the inner cross-validation that chooses the
/// number of bins, the roughness and the number of pairs on the training rows.
///
/// The route is penalized Newton / L-BFGS on `AdditiveObjective` (the same logistic loss and
/// parameterization as the linear model); pairs are selected by FAST on the main-effects model's
/// residuals and refitted jointly with the main effects under a strong penalty, then purified.
public enum AdditiveTrainer {
    /// - Parameters: `x`: rows × inputs (after the inputs' transforms), row-major; `labels`: 0/1.
    public static func fit(_ x: DenseMatrix, inputNames: [String], labels: [Double], sampleWeights: [Double]? = nil,
                           settings: AdditiveSettings, progress: ProgressReporter = .silent) throws -> FittedAdditiveModel {
        var settings = settings
        precondition(inputNames.count == x.columns, "\(inputNames.count) names for \(x.columns) columns")
        precondition(labels.count == x.rows, "\(labels.count) labels for \(x.rows) rows")
        let started = MonotonicClock.seconds()
        let positives = try LogisticRegression.checkLabels(labels)
        try settings.validate()
        // The same refusal as the linear fit: zero or invalid weights leave nothing (or one class) to fit.
        if let sampleWeights { try TrainingError.checkWeights(sampleWeights, labels: labels) }
        let (design, names, dropped) = try varyingInputs(x, names: inputNames)
        let monotone = try monotoneInputs(settings.monotone, names: names, dropped: dropped)
        let problem = Problem(design: design, names: names, labels: labels, weights: sampleWeights, settings: settings, monotone: monotone)
        if settings.fitting == .cyclicBoosting {
            return try fitBoosted(problem, settings: settings, progress: progress, started: started, positives: positives, dropped: dropped)
        }

        // Hyper-parameters: fixed, or chosen on (a sample of) the training rows.
        var chosen = (bins: settings.maxBins ?? 32, roughness: settings.roughness ?? 10, pairs: settings.kind == .additivePairs ? (settings.pairs ?? 0) : 0)
        var selection: [AdditiveSelectionCandidate]? = nil
        var perTerm = settings.roughnessPerTerm == true  // validate() refuses it with monotone constraints
        let needsPairs = settings.kind == .additivePairs && settings.pairs == nil
        let choosesRoute = settings.fitting == nil && settings.roughness == nil && monotone.isEmpty
        if settings.maxBins == nil || settings.roughness == nil || needsPairs || choosesRoute {
            let result = try select(problem, settings: settings, routes: choosesRoute, progress: progress)
            chosen = (result.bins, result.roughness, settings.kind == .additivePairs ? (settings.pairs ?? result.pairs) : 0)
            selection = result.candidates
            settings.pairRidge = result.pairRidge
            settings.pairBins = result.pairBins
            perTerm = result.roughnessPerTerm
            if result.boosting {
                var fit = try fitBoosted(problem, settings: settings, progress: progress, started: started, positives: positives, dropped: dropped)
                fit.model.selection = selection
                return fit
            }
        }

        progress.update(fraction: nil, detail: "final fit: \(chosen.bins) bins, roughness \(NumberText.format(chosen.roughness)), \(chosen.pairs) pairs")
        let layout = Layout(problem.design, names: names, maxBins: chosen.bins, pairBins: settings.pairBins, weights: sampleWeights)
        let final = finalFit(problem, layout: layout, roughness: chosen.roughness, pairs: chosen.pairs, settings: settings, perTerm: perTerm)
        let result = final.result
        var model = AdditiveModel(kind: settings.kind, intercept: result.parameters.last!, terms: final.terms,
                                  settings: .init(maxBins: chosen.bins, pairBins: final.pairBins, roughness: chosen.roughness,
                                                  pairRoughness: settings.pairRoughness(mainRoughness: chosen.roughness), ridge: settings.ridge,
                                                  pairRidge: settings.pairRidge, pairs: final.terms.count - layout.mainTerms.count, C: settings.C,
                                                  fitting: .penalizedNewton),
                                  selection: selection)
        for (j, direction) in monotone { model.terms[j].monotone = direction }
        if let strengths = final.strengths {
            model.settings.roughnessPerTerm = true
            for t in model.terms.indices { model.terms[t].roughness = strengths[t] }
        }
        fillTables(&model, from: result.parameters, cells: final.cells, layout: final.layout, weights: sampleWeights)

        var diagnostics: [String] = []
        if !dropped.isEmpty { diagnostics.append("dropped \(dropped.count) input(s) that take a single value: \(dropped.joined(separator: ", "))") }
        if !result.converged { diagnostics.append("the solver did not converge (\(result.message)); raise max_iter or loosen tol") }
        let solver = result.solver
        let report = TrainingReport(solver: solver, stoppingRule: solver.stoppingRule, iterations: result.iterations, converged: result.converged,
                                    objective: result.objective, gradientMaxNorm: result.gradientMaxNorm, objectiveHistory: result.objectiveHistory,
                                    seconds: MonotonicClock.seconds() - started, message: result.message, rows: labels.count, positives: positives,
                                    diagnostics: diagnostics)
        progress.finish()
        return FittedAdditiveModel(model: model, inputNames: names, droppedInputs: dropped, report: report, rankedPairs: final.ranked)
    }

    /// The inputs that take more than one (non-missing) value: one value carries nothing.
    static func varyingInputs(_ x: DenseMatrix, names inputNames: [String]) throws -> (design: DenseMatrix, names: [String], dropped: [String]) {
        var kept: [Int] = [], dropped: [String] = []
        // One pass over the rows (row-major), every column's range at once.
        var low = [Double](repeating: .infinity, count: x.columns), high = [Double](repeating: -.infinity, count: x.columns)
        x.values.withUnsafeBufferPointer { values in
            for i in 0..<x.rows {
                for j in 0..<x.columns {
                    let v = values[i * x.columns + j]
                    if !v.isNaN { low[j] = min(low[j], v); high[j] = max(high[j], v) }
                }
            }
        }
        for j in 0..<x.columns { if low[j] < high[j] { kept.append(j) } else { dropped.append(inputNames[j]) } }
        guard !kept.isEmpty else { throw TrainingError.noUsableFeatures(dropped: dropped) }
        let design = kept.count == x.columns ? x : StandardizedColumns.select(x, columns: kept)
        return (design, kept.map { inputNames[$0] }, dropped)
    }

    /// The final fit on every training row: the main effects, then (additive+pairs) FAST on their
    /// residuals and a joint refit with the top `pairs` interactions, warm-started from the main effects.
    /// With `perTerm`, each fit first estimates a roughness per term and axis (`fitTermRoughness`)
    /// and returns them; above `selectionRows` rows on the inner cross-validation's seeded sample,
    /// as the shared λ is chosen there, and the tables are then fitted on every row with those λ.
    /// With `perTerm` the pairs (ranked on `layout`'s grids) are fitted on grids of up to
    /// `settings.pairBinsPerTerm` bins (`refinedPairBins`); the layout and grid size used are returned.
    static func finalFit(_ problem: Problem, layout: Layout, roughness: Double, pairs: Int, settings: AdditiveSettings, perTerm: Bool = false)
        -> (terms: [AdditiveTerm], cells: TermCells, result: OptimizationResult, ranked: [InteractionDetection.ScoredPair], strengths: [[Double]]?,
            layout: Layout, pairBins: Int) {
        let sampled = problem.labels.count > settings.selectionRows ? selectionSampleRows(problem.labels.count, settings: settings) : nil
        func fit(_ cells: TermCells, shapes: [TermShape], pairCount: Int, strengths: [[Double]], start: [Double]?,
                 settings: AdditiveSettings) -> (OptimizationResult, [[Double]]) {
            let estimated = fitTermRoughness(problem, cells, shapes: shapes, rows: sampled, pairCount: pairCount, strengths: strengths,
                                             theta: start, settings: settings)
            guard sampled != nil else { return estimated }
            let all = solveUnconstrained(problem, cells, shapes: shapes, rows: nil, roughness: 0, pairCount: pairCount,
                                         start: estimated.result.parameters, settings: settings, strengths: estimated.strengths)
            return (all, estimated.strengths)
        }
        var mainStrengths: [[Double]]? = nil
        var main: OptimizationResult
        if perTerm {
            let shared = sharedStrengths(shapes: layout.mainShapes, roughness: roughness, pairCount: 0, settings: settings)
            (main, mainStrengths) = fit(layout.mainCells, shapes: layout.mainShapes, pairCount: 0, strengths: shared, start: nil, settings: settings)
        } else {
            main = solve(problem, layout.mainCells, shapes: layout.mainShapes, rows: nil, roughness: roughness, pairCount: 0, start: nil, settings: settings)
        }
        guard settings.kind == .additivePairs else { return (layout.mainTerms, layout.mainCells, main, [], mainStrengths, layout, settings.pairBins) }
        let ranked = layout.rankPairs(problem, theta: main.parameters, cells: layout.mainCells, rows: nil)
        guard pairs > 0 else { return (layout.mainTerms, layout.mainCells, main, ranked, mainStrengths, layout, settings.pairBins) }
        var settings = settings
        var layout = layout
        if mainStrengths != nil {
            let bins = refinedPairBins(layout, pairs: ranked.prefix(pairs), settings: settings)
            if bins != settings.pairBins {
                layout = layout.regridded(pairBins: bins)
                settings.pairBins = bins
            }
        }
        let pairTerms = layout.pairTerms(ranked.prefix(pairs))
        let terms = layout.mainTerms + pairTerms
        let cells = layout.cells(withPairs: pairTerms)
        let shapes = layout.mainShapes + pairTerms.map { TermShape(bins: $0.binnings.map(\.binCount)) }
        let start = main.parameters.dropLast() + [Double](repeating: 0, count: cells.tableParameterCount - layout.mainCells.tableParameterCount)
            + [main.parameters.last!]
        if let mainStrengths {
            let shared = sharedStrengths(shapes: shapes, roughness: roughness, pairCount: pairTerms.count, settings: settings)
            let (result, strengths) = fit(cells, shapes: shapes, pairCount: pairTerms.count,
                                          strengths: mainStrengths + shared[layout.mainTerms.count...], start: Array(start), settings: settings)
            return (terms, cells, result, ranked, strengths, layout, settings.pairBins)
        }
        let result = solve(problem, cells, shapes: shapes, rows: nil, roughness: roughness, pairCount: pairTerms.count,
                           start: Array(start), settings: settings)
        return (terms, cells, result, ranked, nil, layout, settings.pairBins)
    }

    /// Bins per axis for the interaction grids of `pairs` when their λ are estimated per axis:
    /// `settings.pairBinsPerTerm`, halved while the main effects' tables plus the grids (each axis
    /// at most its input's fine bins) would exceed `termRoughnessParameterLimit` parameters, the
    /// most the estimate takes; never below `settings.pairBins`, the grids the pairs were chosen on.
    static func refinedPairBins(_ layout: Layout, pairs: ArraySlice<InteractionDetection.ScoredPair>, settings: AdditiveSettings) -> Int {
        let mainParameters = layout.mainCells.tableParameterCount + 1
        var bins = max(settings.pairBinsPerTerm, settings.pairBins)
        while bins > settings.pairBins {
            // A grid's axis has at most `bins` ordered bins plus the missing one, and no more than the input's fine bins.
            let cells = pairs.reduce(0) { total, pair in
                total + [pair.first, pair.second].map { min(bins + 1, layout.mainTerms[$0].binnings[0].binCount) }.reduce(1, *)
            }
            if mainParameters + cells <= termRoughnessParameterLimit { break }
            bins = max(bins / 2, settings.pairBins)
        }
        return bins
    }

    /// Copies the fitted tables and training weights into the terms, purifies, and sets bins no
    /// training row reached to zero (an average customer) — except a monotone shape's ordered bins,
    /// which keep the value that respects the order.
    static func fillTables(_ model: inout AdditiveModel, from parameters: [Double], cells: TermCells, layout: Layout, weights: [Double]?) {
        for t in model.terms.indices {
            let offset = cells.offsets[t]
            model.terms[t].contributions = Array(parameters[offset..<(offset + cells.cellCounts[t])])
            model.terms[t].rows = cells.cellWeights(term: t, weights: weights)
        }
        var fineToCoarse: [Int: [[Int]]] = [:]
        var mainOfInput: [Int: Int] = [:]
        for t in layout.mainTerms.indices { mainOfInput[layout.mainTerms[t].inputIndices[0]] = t }
        for t in model.terms.indices where model.terms[t].isInteraction {
            fineToCoarse[t] = model.terms[t].inputIndices.map { layout.fineToCoarse[$0] }
        }
        Purification.purify(&model, fineToCoarse: fineToCoarse, mainOfInput: mainOfInput)
        for t in model.terms.indices where !model.terms[t].isInteraction {
            for k in model.terms[t].rows.indices where model.terms[t].rows[k] == 0 && (k == 0 || model.terms[t].monotone == nil) {
                model.terms[t].contributions[k] = 0
            }
        }
    }
}
