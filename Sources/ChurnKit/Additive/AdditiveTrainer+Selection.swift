#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension AdditiveTrainer {
    /// What the inner cross-validation chose, and every candidate it tried.
    typealias Selection = (bins: Int, roughness: Double, pairs: Int, pairRidge: Double, pairBins: Int, boosting: Bool,
                           roughnessPerTerm: Bool, candidates: [AdditiveSelectionCandidate])
    /// Each inner fold's training and validation rows.
    typealias FoldRows = [(train: [Int], test: [Int])]

    /// The inner cross-validation: bins × roughness on the main effects, then (unless settled by the
    /// settings) each bin budget's best with a roughness per term, then the number of pairs under the
    /// roughness kept; with `routes`, also route (b) on the same folds, kept when its validation
    /// log loss is lower.
    static func select(_ problem: Problem, settings: AdditiveSettings, routes: Bool = false, progress: ProgressReporter) throws -> Selection {
        let sample = selectionSample(problem, settings: settings)
        guard sample.labels.count >= settings.innerFolds else {
            // Not "use at most N folds": the user never asked for these folds.
            throw TrainingError.invalidSetting("the additive model chooses its bins, roughness and pairs by \(settings.innerFolds)-fold cross-validation inside the training rows, and \(sample.labels.count) rows cannot be split \(settings.innerFolds) ways; fix maxBins, roughness and pairs, or fit the linear model instead of the additive one")
        }
        let folds = try StratifiedKFold(foldCount: settings.innerFolds, seed: settings.seed).folds(labels: sample.labels)
        let foldRows: FoldRows = (0..<settings.innerFolds).map { (folds.trainingIndices(fold: $0), folds.testIndices(fold: $0)) }
        let binGrid = settings.maxBins.map { [$0] } ?? settings.binGrid
        let roughnessGrid = (settings.roughness.map { [$0] } ?? settings.roughnessGrid).sorted(by: >)
        let pairBinGrid = settings.pairs == nil && !settings.pairBinGrid.isEmpty ? settings.pairBinGrid : [settings.pairBins]
        let pairSteps = settings.kind == .additivePairs ? settings.pairGrid.count * max(1, settings.pairRidgeGrid.count) * pairBinGrid.count : 0
        let triesPerTerm = sample.monotone.isEmpty && (settings.roughnessPerTerm == true || (settings.roughnessPerTerm == nil && settings.roughness == nil))
        var tracker = SelectionProgress(steps: Double(binGrid.count * roughnessGrid.count + pairSteps + (routes ? 1 : 0) + (triesPerTerm ? binGrid.count : 0)),
                                        reporter: progress)

        var candidates: [AdditiveSelectionCandidate] = []
        var mainThetas: [String: [[Double]]] = [:]
        for bins in binGrid {
            let (found, thetas) = mainEffectCandidates(sample, foldRows: foldRows, bins: bins, roughnessGrid: roughnessGrid,
                                                       settings: settings, tracker: &tracker)
            candidates += found
            mainThetas.merge(thetas) { $1 }
        }
        var best = candidates.min { $0.logLoss < $1.logLoss }!
        var foldThetas = mainThetas["\(best.maxBins)/\(best.roughness)"]!
        var foldStrengths: [[[Double]]]? = nil
        if triesPerTerm {
            // Each bin budget from its best shared λ: with λ estimated per term, more bins cost
            // less variance than with one λ for all, so the budget the shared λ preferred need not win.
            var perTerm: (candidate: AdditiveSelectionCandidate, strengths: [[[Double]]], thetas: [[Double]])? = nil
            for bins in binGrid {
                let start = candidates.filter { $0.maxBins == bins }.min { $0.logLoss < $1.logLoss }!
                let found = termRoughnessCandidate(sample, foldRows: foldRows, best: start, mainThetas: mainThetas["\(bins)/\(start.roughness)"]!,
                                                   settings: settings)
                tracker.step("inner CV: \(bins) bins, roughness per term from \(NumberText.format(start.roughness)): "
                             + "log loss \(NumberText.fixed(found.candidate.logLoss, 4))")
                candidates.append(found.candidate)
                if perTerm.map({ found.candidate.logLoss < $0.candidate.logLoss }) ?? true { perTerm = found }
            }
            if let perTerm, settings.roughnessPerTerm == true || perTerm.candidate.logLoss < best.logLoss {
                best = perTerm.candidate
                foldThetas = perTerm.thetas
                foldStrengths = perTerm.strengths
            }
        }
        var chosen = best
        // Fixed pairs are cross-validated too when the route is being chosen, so both routes are scored with their pairs.
        if settings.kind == .additivePairs && (settings.pairs == nil || routes) {
            var pairSettings = settings
            if let pairs = settings.pairs { pairSettings.pairGrid = [pairs] }
            for pairBins in pairBinGrid {
                pairSettings.pairBins = pairBins
                candidates += pairCandidates(sample, foldRows: foldRows, best: best, mainThetas: foldThetas, mainStrengths: foldStrengths,
                                             settings: pairSettings, tracker: &tracker)
            }
            let pairCandidates = candidates.filter { candidate in
                candidate.maxBins == best.maxBins && candidate.roughness == best.roughness && candidate.fitting == nil
                    && candidate.roughnessPerTerm == best.roughnessPerTerm && (settings.pairs.map { candidate.pairs == $0 } ?? true)
            }
            chosen = pairCandidates.min { $0.logLoss < $1.logLoss || ($0.logLoss == $1.logLoss && $0.pairs < $1.pairs) } ?? best
        }
        var boosting = false
        if routes {
            let boosted = try boostingCandidate(sample, foldRows: foldRows, settings: settings)
            tracker.step("inner CV: cyclic boosting: log loss \(NumberText.fixed(boosted.logLoss, 4))")
            candidates.append(boosted)
            boosting = boosted.logLoss < chosen.logLoss
        }
        return (chosen.maxBins, chosen.roughness, settings.kind == .additivePairs ? chosen.pairs : 0, chosen.pairRidge ?? settings.pairRidge,
                chosen.pairBins ?? settings.pairBins, boosting, chosen.roughnessPerTerm == true, candidates)
    }

    /// Route (b) on each inner fold: boosted on the fold's training rows, scored on its validation rows.
    static func boostingCandidate(_ sample: Problem, foldRows: FoldRows, settings: AdditiveSettings) throws -> AdditiveSelectionCandidate {
        var loss = 0.0, auc = 0.0, bins = 0, pairs = 0
        for (train, test) in foldRows {
            var part = sample
            part.design = selectRows(sample.design, train)
            part.labels = train.map { sample.labels[$0] }
            part.weights = sample.weights.map { w in train.map { w[$0] } }
            let fit = try fitBoosted(part, settings: settings, progress: .silent, started: MonotonicClock.seconds(), positives: 0, dropped: [])
            let logits = fit.model.logits(selectRows(sample.design, test))
            let metrics = BinaryClassificationMetrics.compute(labels: test.map { sample.labels[$0] }, probabilities: logits.map(LogisticLoss.sigmoid),
                                                              weights: sample.weights.map { w in test.map { w[$0] } })
            loss += metrics.logLoss / Double(foldRows.count)
            auc += metrics.rocAUC / Double(foldRows.count)
            bins = fit.model.settings.maxBins
            pairs = max(pairs, fit.model.settings.pairs)
        }
        return AdditiveSelectionCandidate(maxBins: bins, roughness: 0, pairs: pairs, pairRidge: nil, logLoss: loss, rocAUC: auc, fitting: .cyclicBoosting)
    }

    /// The best main-effects candidate refitted on each inner fold with a roughness per term
    /// (`fitTermRoughness`, from its fold's fit), scored on the fold's validation rows; also the
    /// fold's λ per term and fitted tables, for the pairs to start from.
    static func termRoughnessCandidate(_ sample: Problem, foldRows: FoldRows, best: AdditiveSelectionCandidate, mainThetas: [[Double]],
                                       settings: AdditiveSettings)
        -> (candidate: AdditiveSelectionCandidate, strengths: [[[Double]]], thetas: [[Double]]) {
        let layout = Layout(sample.design, names: sample.names, maxBins: best.maxBins, pairBins: settings.pairBins, weights: sample.weights)
        let start = sharedStrengths(shapes: layout.mainShapes, roughness: best.roughness, pairCount: 0, settings: settings)
        var loss = 0.0, auc = 0.0
        var strengths: [[[Double]]] = [], thetas: [[Double]] = []
        for (f, (train, test)) in foldRows.enumerated() {
            let fit = fitTermRoughness(sample, layout.mainCells, shapes: layout.mainShapes, rows: train, pairCount: 0, strengths: start,
                                       theta: mainThetas[f], settings: settings)
            let score = validationScore(sample, layout.mainCells, fit.result.parameters, test)
            loss += score.logLoss / Double(foldRows.count)
            auc += score.auc / Double(foldRows.count)
            strengths.append(fit.strengths)
            thetas.append(fit.result.parameters)
        }
        let candidate = AdditiveSelectionCandidate(maxBins: best.maxBins, roughness: best.roughness, pairs: 0, logLoss: loss, rocAUC: auc,
                                                   roughnessPerTerm: true)
        return (candidate, strengths, thetas)
    }

    /// The rows of the seeded sample of `selectionRows` of `rowCount` rows, increasing.
    static func selectionSampleRows(_ rowCount: Int, settings: AdditiveSettings) -> [Int] {
        var generator = SeededGenerator(seed: settings.seed)
        var order = Array(0..<rowCount)
        generator.shuffle(&order)
        return Array(order.prefix(settings.selectionRows)).sorted()
    }

    /// A seeded sample of `selectionRows` rows (in their order) when there are more.
    static func selectionSample(_ problem: Problem, settings: AdditiveSettings) -> Problem {
        guard problem.design.rows > settings.selectionRows else { return problem }
        var sample = problem
        let rows = selectionSampleRows(problem.design.rows, settings: settings)
        sample.design = selectRows(problem.design, rows)
        sample.labels = rows.map { problem.labels[$0] }
        sample.weights = problem.weights.map { w in rows.map { w[$0] } }
        return sample
    }

    /// One bin budget: each roughness on each inner fold (warm-started from the rougher fit),
    /// scored by mean validation log loss; also returns the fitted tables per fold, keyed `bins/roughness`.
    static func mainEffectCandidates(_ sample: Problem, foldRows: FoldRows, bins: Int, roughnessGrid: [Double], settings: AdditiveSettings,
                                     tracker: inout SelectionProgress) -> ([AdditiveSelectionCandidate], [String: [[Double]]]) {
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
                let (loss, auc) = validationScore(sample, layout.mainCells, result.parameters, test)
                losses[r] += loss / Double(foldRows.count)
                aucs[r] += auc / Double(foldRows.count)
            }
        }
        var candidates: [AdditiveSelectionCandidate] = []
        var fitted: [String: [[Double]]] = [:]
        for (r, roughness) in roughnessGrid.enumerated() {
            candidates.append(.init(maxBins: bins, roughness: roughness, pairs: 0, logLoss: losses[r], rocAUC: aucs[r]))
            fitted["\(bins)/\(roughness)"] = (0..<foldRows.count).map { thetas[r * foldRows.count + $0] }
            tracker.step("inner CV: \(bins) bins, roughness \(NumberText.format(roughness)): log loss \(NumberText.fixed(losses[r], 4))")
        }
        return (candidates, fitted)
    }

    /// Pairs on `settings.pairBins` grids: FAST on each inner training part's own residuals, then a
    /// refit with the top K for each (pair ridge, K) of the grid, warm-started from the previous K.
    /// With `mainStrengths` (λ per term and axis of each fold's main effects), the refits keep
    /// them and give the pairs the shared pair roughness: estimating every candidate's λ anew cost
    /// 15× the time for no measured gain (synthetic AUC 0.78590 vs 0.78586); the final fit
    /// estimates the pairs' own λ once.
    static func pairCandidates(_ sample: Problem, foldRows: FoldRows, best: AdditiveSelectionCandidate, mainThetas: [[Double]],
                               mainStrengths: [[[Double]]]? = nil, settings: AdditiveSettings,
                               tracker: inout SelectionProgress) -> [AdditiveSelectionCandidate] {
        let layout = Layout(sample.design, names: sample.names, maxBins: best.maxBins, pairBins: settings.pairBins, weights: sample.weights)
        let counts = settings.pairGrid.filter { $0 > 0 }.sorted()
        let ridges = settings.pairRidgeGrid.isEmpty ? [settings.pairRidge] : settings.pairRidgeGrid.sorted(by: >)
        let grid = ridges.flatMap { ridge in counts.map { (ridge, $0) } }
        var losses = [Double](repeating: 0, count: grid.count), aucs = losses
        for (f, (train, test)) in foldRows.enumerated() {
            let mainTheta = mainThetas[f]
            let ranked = layout.rankPairs(sample, theta: mainTheta, cells: layout.mainCells, rows: train)
            let pairTerms = layout.pairTerms(ranked.prefix(counts.last ?? 0))
            let allCells = layout.cells(withPairs: pairTerms)
            let mainCount = layout.mainTerms.count
            var previous: [Double] = Array(mainTheta.dropLast())
            for (k, (ridge, count)) in grid.enumerated() {
                if k > 0 && grid[k - 1].0 != ridge { previous = Array(mainTheta.dropLast()) }
                var trial = settings
                trial.pairRidge = ridge
                let used = min(count, pairTerms.count)
                let cells = allCells.terms(Array(0..<(mainCount + used)))
                let shapes = layout.mainShapes + pairTerms.prefix(used).map { TermShape(bins: $0.binnings.map(\.binCount)) }
                // Warm start: the previous fit's tables, zeros for the new pairs.
                let extra = cells.tableParameterCount - previous.count
                let start = previous + [Double](repeating: 0, count: max(0, extra)) + [mainTheta.last!]
                let result: OptimizationResult
                if let mainStrengths {
                    let shared = sharedStrengths(shapes: shapes, roughness: best.roughness, pairCount: used, settings: trial)
                    result = solveUnconstrained(sample, cells, shapes: shapes, rows: train, roughness: 0, pairCount: used,
                                                start: extra >= 0 ? start : nil, settings: trial, strengths: mainStrengths[f] + shared[mainCount...])
                } else {
                    result = solve(sample, cells, shapes: shapes, rows: train, roughness: best.roughness, pairCount: used,
                                   start: extra >= 0 ? start : nil, settings: trial)
                }
                previous = Array(result.parameters.dropLast())
                let (loss, auc) = validationScore(sample, cells, result.parameters, test)
                losses[k] += loss / Double(foldRows.count)
                aucs[k] += auc / Double(foldRows.count)
            }
        }
        return grid.enumerated().map { k, candidate in
            let (ridge, count) = candidate
            tracker.step("inner CV: \(count) pairs on \(settings.pairBins)×\(settings.pairBins) grids, ridge \(NumberText.format(ridge)): "
                         + "log loss \(NumberText.fixed(losses[k], 4))")
            return AdditiveSelectionCandidate(maxBins: best.maxBins, roughness: best.roughness, pairs: count, pairRidge: ridge,
                                              logLoss: losses[k], rocAUC: aucs[k], pairBins: settings.pairBins,
                                              roughnessPerTerm: mainStrengths == nil ? nil : true)
        }
    }

    /// Validation log loss and ROC AUC of the model `theta` over `cells` on the rows listed.
    static func validationScore(_ sample: Problem, _ cells: TermCells, _ theta: [Double], _ rows: [Int]) -> (logLoss: Double, auc: Double) {
        let logits = cells.logits(theta)
        let labels = rows.map { sample.labels[$0] }
        let probabilities = rows.map { LogisticLoss.sigmoid(logits[$0]) }
        let metrics = BinaryClassificationMetrics.compute(labels: labels, probabilities: probabilities, weights: sample.weights.map { w in rows.map { w[$0] } })
        return (metrics.logLoss, metrics.rocAUC)
    }

    /// The rows listed, in that order.
    static func selectRows(_ x: DenseMatrix, _ rows: [Int]) -> DenseMatrix {
        var values = [Double](repeating: 0, count: rows.count * x.columns)
        for (k, i) in rows.enumerated() { for j in 0..<x.columns { values[k * x.columns + j] = x.values[i * x.columns + j] } }
        return DenseMatrix(rows: rows.count, columns: x.columns, values: values)
    }
}
