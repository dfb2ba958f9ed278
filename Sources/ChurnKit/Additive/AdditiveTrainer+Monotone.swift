extension AdditiveTrainer {
    /// Minimizes the penalized objective with every constrained main effect monotone along its
    /// non-missing bins (interpret's `monotone_constraints`, fitted rather than applied afterwards).
    ///
    /// An active-set method on tied bins. Fit; project each violating shape by weighted isotonic
    /// regression (PAVA, weights: training rows per bin, as interpret's `monotonize`) and tie the
    /// bins of each pooled block to one parameter; refit *every* term and the intercept from the
    /// projected point, under the fine penalty of the expanded tables (`RoughnessPenalty.tied`), so
    /// a tied fit minimizes the same objective over a subspace. When no shape violates its order,
    /// check the optimality conditions of the ties: a block whose bins below some cut would lower
    /// the objective by moving apart from those above it (a prefix of the block's gradient with the
    /// wrong sign) is split there, and the fit repeats. It stops at the constrained optimum (to the
    /// solver's tolerance) or after `maxRounds`, ending with a projection so the result is monotone
    /// in any case. A fit whose shapes already respect their constraints is returned unchanged.
    static func solve(_ problem: Problem, _ cells: TermCells, shapes: [TermShape], rows: [Int]?, roughness: Double, pairCount: Int,
                      start: [Double]?, settings: AdditiveSettings, maxRounds: Int = 100) -> OptimizationResult {
        var result = solveUnconstrained(problem, cells, shapes: shapes, rows: rows, roughness: roughness, pairCount: pairCount,
                                        start: start, settings: settings)
        let constrained = problem.monotone.keys.filter { $0 < cells.termCount - pairCount }.sorted()
        guard !constrained.isEmpty else { return result }

        // Training weight per fine bin of each constrained term, on the rows of this fit.
        var binWeights: [Int: [Double]] = [:]
        var totalWeight = 0.0
        let rowList = rows ?? Array(0..<cells.rows)
        for i in rowList { totalWeight += problem.weights?[i] ?? 1 }
        for t in constrained {
            var weights = [Double](repeating: 0, count: cells.cellCounts[t])
            for i in rowList { weights[Int(cells.cells[i * cells.termCount + t])] += problem.weights?[i] ?? 1 }
            binWeights[t] = weights
        }
        // A split must lower the objective by more than the solver's own stopping rule resolves.
        let splitThreshold = 10 * settings.solverSettings.tolerance * settings.C * totalWeight
        // Fine bin → block, per constrained term; bin 0 (missing) is its own block, never constrained.
        var maps: [Int: [Int]] = [:]
        for t in constrained { maps[t] = Array(0..<cells.cellCounts[t]) }
        var current = cells
        var fine = result.parameters
        for _ in 0..<maxRounds {
            fine = expand(result.parameters, pooled: current, fine: cells, maps: maps)
            var changed = mergeViolators(&fine, &maps, terms: constrained, cells: cells, binWeights: binWeights, directions: problem.monotone)
            if !changed {
                let gradient = fineGradient(problem, cells, shapes: shapes, rows: rows, roughness: roughness, pairCount: pairCount,
                                            settings: settings, theta: fine)
                changed = splitBlocks(&maps, terms: constrained, cells: cells, gradient: gradient, threshold: splitThreshold,
                                      directions: problem.monotone)
            }
            guard changed else {
                result.parameters = fine
                return result
            }
            current = cells
            for t in constrained { current = current.pooled(term: t, map: maps[t]!, count: maps[t]!.max()! + 1) }
            result = solveUnconstrained(problem, current, shapes: shapes, rows: rows, roughness: roughness, pairCount: pairCount,
                                        start: collapse(fine, fine: cells, pooled: current, maps: maps), settings: settings,
                                        tiedTo: (cells, maps))
        }
        fine = expand(result.parameters, pooled: current, fine: cells, maps: maps)
        _ = mergeViolators(&fine, &maps, terms: constrained, cells: cells, binWeights: binWeights, directions: problem.monotone)
        result.parameters = fine
        return result
    }

    /// PAVA on the blocks of each constrained term whose values break its order: merges the
    /// violating blocks in `maps` and sets their bins in `fine` to the pooled values. Whether any did.
    static func mergeViolators(_ fine: inout [Double], _ maps: inout [Int: [Int]], terms: [Int], cells: TermCells,
                               binWeights: [Int: [Double]], directions: [Int: MonotoneDirection]) -> Bool {
        var changed = false
        for t in terms {
            let map = maps[t]!, blockCount = map.max()! + 1
            guard blockCount > 2, let direction = directions[t] else { continue }
            var values = [Double](repeating: 0, count: blockCount - 1), weights = values
            for k in 1..<map.count {
                values[map[k] - 1] = fine[cells.offsets[t] + k]
                weights[map[k] - 1] += binWeights[t]![k]
            }
            let increasing = direction == .increasing
            guard !IsotonicRegression.isMonotone(values, increasing: increasing) else { continue }
            changed = true
            let blocks = IsotonicRegression.blocks(values, weights: weights, increasing: increasing)
            var merged = [Int](repeating: 0, count: blockCount - 1)
            for (b, block) in blocks.enumerated() { for p in block.start..<block.end { merged[p] = b + 1 } }
            var newMap = map
            for k in 1..<map.count {
                newMap[k] = merged[map[k] - 1]
                fine[cells.offsets[t] + k] = blocks[newMap[k] - 1].value
            }
            maps[t] = newMap
        }
        return changed
    }

    /// The optimality check of the ties. Lowering bins `a…s` of an increasing block `a…b` by ε
    /// (raising them, decreasing) keeps the order and changes the objective by `∓ε·Σₐˢ gₖ`; where
    /// that is a decrease beyond `threshold`, the block is split after the best such `s`. Whether any was.
    static func splitBlocks(_ maps: inout [Int: [Int]], terms: [Int], cells: TermCells, gradient: [Double], threshold: Double,
                            directions: [Int: MonotoneDirection]) -> Bool {
        var changed = false
        for t in terms {
            guard let direction = directions[t] else { continue }
            let sign = direction == .increasing ? 1.0 : -1.0
            let map = maps[t]!
            var cuts = Set<Int>()  // split after these bins
            var a = 1
            while a < map.count {
                var b = a
                while b + 1 < map.count && map[b + 1] == map[a] { b += 1 }
                var prefix = 0.0, best = threshold, cut: Int? = nil
                for s in a..<b {
                    prefix += gradient[cells.offsets[t] + s]
                    if sign * prefix > best { best = sign * prefix; cut = s }
                }
                if let cut { cuts.insert(cut) }
                a = b + 1
            }
            guard !cuts.isEmpty else { continue }
            changed = true
            var newMap = map, block = 0
            for k in 1..<map.count {
                if k == 1 || map[k] != map[k - 1] || cuts.contains(k - 1) { block += 1 }
                newMap[k] = block
            }
            maps[t] = newMap
        }
        return changed
    }

    /// The gradient of the untied objective (fine bins, fine penalty) at `theta`, on the fit's rows.
    static func fineGradient(_ problem: Problem, _ cells: TermCells, shapes: [TermShape], rows: [Int]?, roughness: Double, pairCount: Int,
                             settings: AdditiveSettings, theta: [Double]) -> [Double] {
        let (subset, labels, weights) = restrict(problem, cells, to: rows)
        let objective = AdditiveObjective(cells: subset, labels: labels, sampleWeights: weights, C: settings.C,
                                          penalty: penalty(subset, shapes: shapes, roughness: roughness, pairCount: pairCount, settings: settings))
        var gradient: [Double] = []
        _ = objective.valueAndGradient(at: theta, gradient: &gradient)
        return gradient
    }

    /// Parameters of the tied layout `pooled` spread over the bins of `fine` (intercept last).
    static func expand(_ theta: [Double], pooled: TermCells, fine: TermCells, maps: [Int: [Int]]) -> [Double] {
        var out = [Double](repeating: 0, count: fine.tableParameterCount + 1)
        for t in 0..<fine.termCount {
            for k in 0..<fine.cellCounts[t] { out[fine.offsets[t] + k] = theta[pooled.offsets[t] + (maps[t]?[k] ?? k)] }
        }
        out[fine.tableParameterCount] = theta[pooled.tableParameterCount]
        return out
    }

    /// The inverse of `expand` for parameters that are equal within each block.
    static func collapse(_ theta: [Double], fine: TermCells, pooled: TermCells, maps: [Int: [Int]]) -> [Double] {
        var out = [Double](repeating: 0, count: pooled.tableParameterCount + 1)
        for t in 0..<fine.termCount {
            for k in 0..<fine.cellCounts[t] { out[pooled.offsets[t] + (maps[t]?[k] ?? k)] = theta[fine.offsets[t] + k] }
        }
        out[pooled.tableParameterCount] = theta[fine.tableParameterCount]
        return out
    }

    /// Each constraint's input index; throws for a name that is no input of the model.
    static func monotoneInputs(_ constraints: [String: MonotoneDirection], names: [String], dropped: [String]) throws -> [Int: MonotoneDirection] {
        var out: [Int: MonotoneDirection] = [:]
        for (name, direction) in constraints.sorted(by: { $0.key < $1.key }) {
            if let j = names.firstIndex(of: name) {
                out[j] = direction
            } else if !dropped.contains(name) {
                throw ParameterError(parameter: "monotone_constraints", value: "\(name)=\(direction.symbol)",
                                     allowed: "a numeric input of the model (\(names.joined(separator: ", ")))")
            }
        }
        return out
    }
}
