import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension AdditiveTrainer {
    /// What one bag's boosting produced.
    struct BoostedBag {
        var theta: [Double]
        var rounds: Int
        var validationLogLoss: Double
        var stoppedEarly: Bool
    }

    /// Route (b): the main effects boosted in every bag and averaged; then (additive+pairs) FAST
    /// on the averaged main effects' residuals, the top pairs boosted in every bag on that bag's
    /// own main effects, averaged; then the same purification and centring as route (a).
    static func fitBoosted(_ problem: Problem, settings: AdditiveSettings, progress: ProgressReporter, started: Double,
                           positives: Double, dropped: [String]) throws -> FittedAdditiveModel {
        let boosting = settings.boosting
        let bins = settings.maxBins ?? boosting.maxBins
        let n = problem.design.rows
        let layout = Layout(problem.design, names: problem.names, maxBins: bins, pairBins: boosting.pairBins, weights: problem.weights)
        let splits = bagSplits(labels: problem.labels, bags: boosting.bags, fraction: boosting.validationFraction, seed: settings.seed)
        let mainCount = layout.mainTerms.count

        progress.update(fraction: 0, detail: "boosting \(mainCount) shapes in \(boosting.bags) bags")
        let mainStart = startingTables(layout.mainCells, problem: problem)
        let mains = boostBags(cells: layout.mainCells, boosted: (0..<mainCount).map { ($0, layout.mainShapes[$0].bins) },
                              start: { bag in mainStart(splits[bag].train) }, problem: problem, splits: splits, settings: boosting,
                              smoothingRounds: boosting.smoothingRounds, seed: settings.seed)
        var theta = average(mains.map(\.theta))
        var terms = layout.mainTerms, cells = layout.mainCells
        var ranked: [InteractionDetection.ScoredPair] = []
        var pairBags: [BoostedBag] = []
        if settings.kind == .additivePairs {
            ranked = layout.rankPairs(problem, theta: theta, cells: layout.mainCells, rows: nil)
            let pairTerms = layout.pairTerms(ranked.prefix(settings.pairs ?? boosting.pairs))
            if !pairTerms.isEmpty {
                progress.update(fraction: 0.5, detail: "boosting \(pairTerms.count) pairs in \(boosting.bags) bags")
                terms += pairTerms
                cells = layout.cells(withPairs: pairTerms)
                let extra = cells.tableParameterCount - layout.mainCells.tableParameterCount
                pairBags = boostBags(cells: cells, boosted: pairTerms.indices.map { (mainCount + $0, pairTerms[$0].binnings.map(\.binCount)) },
                                     start: { bag in Array(mains[bag].theta.dropLast()) + [Double](repeating: 0, count: extra) + [mains[bag].theta.last!] },
                                     problem: problem, splits: splits, settings: boosting,
                                     smoothingRounds: boosting.pairSmoothingRounds, seed: settings.seed &+ 0x5851_F42D_4C95_7F2D)
                theta = average(pairBags.map(\.theta))
            }
        }

        var model = AdditiveModel(kind: settings.kind, intercept: theta.last!, terms: terms,
                                  settings: .init(maxBins: bins, pairBins: boosting.pairBins, roughness: 0, pairRoughness: 0, ridge: 0,
                                                  pairRidge: 0, pairs: terms.count - mainCount, C: settings.C, fitting: .cyclicBoosting))
        fillTables(&model, from: theta, cells: cells, layout: layout, weights: problem.weights)

        // The report: the training log loss (C-scaled, as route (a)'s objective without its penalty) and its gradient.
        let objective = AdditiveObjective(cells: cells, labels: problem.labels, sampleWeights: problem.weights, C: settings.C,
                                          penalty: RoughnessPenalty(cells: cells, shapes: terms.map { TermShape(bins: $0.binnings.map(\.binCount)) },
                                                                    roughness: [Double](repeating: 0, count: terms.count),
                                                                    ridge: [Double](repeating: 0, count: terms.count)))
        var gradient: [Double] = []
        let value = objective.valueAndGradient(at: theta, gradient: &gradient)
        let all = mains + pairBags
        let meanRounds = { (bags: [BoostedBag]) in bags.isEmpty ? 0 : bags.map(\.rounds).reduce(0, +) / bags.count }
        let converged = all.allSatisfy(\.stoppedEarly)
        let heldOut = (pairBags.isEmpty ? mains : pairBags).map(\.validationLogLoss).reduce(0, +) / Double(boosting.bags)
        var message = "cyclic boosting in \(boosting.bags) bags: shapes \(meanRounds(mains)) rounds"
            + (pairBags.isEmpty ? "" : ", pairs \(meanRounds(pairBags)) rounds") + " (mean per bag); held-out log loss \(NumberText.fixed(heldOut, 5))"
        if !converged { message += "; some bag reached max_rounds before its held-out loss stopped improving: raise max_rounds or learning_rate" }
        var diagnostics: [String] = []
        if !dropped.isEmpty { diagnostics.append("dropped \(dropped.count) input(s) that take a single value: \(dropped.joined(separator: ", "))") }
        let report = TrainingReport(solver: .gd, stoppingRule: "per bag, after \(boosting.smoothingRounds) smoothing rounds: \(boosting.earlyStoppingRounds) rounds without a relative drop of "
                                        + "\(NumberText.format(boosting.earlyStoppingTolerance)) in the held-out log loss",
                                    iterations: meanRounds(mains) + meanRounds(pairBags), converged: converged, objective: value,
                                    gradientMaxNorm: gradient.map(abs).max() ?? 0, objectiveHistory: [], seconds: MonotonicClock.seconds() - started,
                                    message: message, rows: n, positives: positives, diagnostics: diagnostics)
        progress.finish()
        return FittedAdditiveModel(model: model, inputNames: problem.names, droppedInputs: dropped, report: report, rankedPairs: ranked)
    }

    /// Every bag's split of the rows: a stratified, seeded held-out share; the rest boosts.
    static func bagSplits(labels: [Double], bags: Int, fraction: Double, seed: UInt64) -> [(train: [Int], validation: [Int])] {
        (0..<bags).map { bag in
            var generator = SeededGenerator(seed: seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(bag + 1))
            var validation: [Int] = [], train: [Int] = []
            for positive in [false, true] {
                var rows = labels.indices.filter { (labels[$0] > 0.5) == positive }
                generator.shuffle(&rows)
                let held = Int((Double(rows.count) * fraction).rounded())
                validation += rows.prefix(held)
                train += rows.dropFirst(held)
            }
            return (train.sorted(), validation.sorted())
        }
    }

    /// Zero tables and the intercept at the log-odds of the rows given.
    static func startingTables(_ cells: TermCells, problem: Problem) -> ([Int]) -> [Double] {
        { rows in
            var total = 0.0, positive = 0.0
            for i in rows { let w = problem.weights?[i] ?? 1; total += w; positive += w * problem.labels[i] }
            let rate = min(max(positive / max(total, .leastNormalMagnitude), 1e-6), 1 - 1e-6)
            return [Double](repeating: 0, count: cells.tableParameterCount) + [log(rate / (1 - rate))]
        }
    }

    /// Boosts the terms listed in every bag (`start`: bag → its starting tables and intercept), the
    /// first `smoothingRounds` with random cuts, the bags shared between the cores; deterministic
    /// for a seed whatever the number of cores (each bag's result depends on its own split, start
    /// and random cuts only, the cuts drawn from `seed` and the bag's index).
    static func boostBags(cells: TermCells, boosted: [(index: Int, shape: [Int])], start: (Int) -> [Double],
                          problem: Problem, splits: [(train: [Int], validation: [Int])], settings: BoostingSettings,
                          smoothingRounds: Int, seed: UInt64) -> [BoostedBag] {
        let starts = splits.indices.map(start)
        var results = [BoostedBag](repeating: BoostedBag(theta: [], rounds: 0, validationLogLoss: 0, stoppedEarly: false), count: splits.count)
        let threads = min(splits.count, min(2, max(1, System.activeProcessorCount)))
        results.withUnsafeMutableBufferPointer { out in
            let slots = BagSlots(out.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                var bag = thread
                while bag < splits.count {
                    var theta = starts[bag]
                    let booster = CyclicBoosting(cells: cells, boosted: boosted, theta: theta, labels: problem.labels, weights: problem.weights,
                                                 train: splits[bag].train, validation: splits[bag].validation, settings: settings,
                                                 smoothingRounds: smoothingRounds, seed: seed &+ 0xD1B5_4A32_D192_ED03 &* UInt64(bag + 1))
                    let run = booster.run(&theta)
                    slots.pointer[bag] = BoostedBag(theta: theta, rounds: run.rounds, validationLogLoss: run.validationLogLoss,
                                                    stoppedEarly: run.stoppedEarly)
                    bag += threads
                }
            }
        }
        return results
    }

    /// The entrywise mean, summed in bag order.
    static func average(_ thetas: [[Double]]) -> [Double] {
        var out = [Double](repeating: 0, count: thetas[0].count)
        for theta in thetas { for j in out.indices { out[j] += theta[j] } }
        for j in out.indices { out[j] /= Double(thetas.count) }
        return out
    }
}

/// The bags' result slots the worker threads write through, each to its own bag.
struct BagSlots: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<AdditiveTrainer.BoostedBag>
    init(_ pointer: UnsafeMutablePointer<AdditiveTrainer.BoostedBag>) { self.pointer = pointer }
}
