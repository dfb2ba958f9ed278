extension AdditiveTrainer {
    /// Minimizes the penalized objective with every constrained main effect monotone along its
    /// non-missing bins (interpret's `monotone_constraints`, fitted rather than applied afterwards).
    ///
    /// An active-set loop on tied bins: fit; project each violating shape by weighted isotonic
    /// regression (PAVA, weights: training rows per bin, as interpret's `monotonize`); tie the bins
    /// of each pooled block to one parameter; refit *every* term and the intercept from the
    /// projected point; repeat until no shape violates its order. Blocks only merge, so the loop
    /// ends (at worst every bin of a shape in one block: a flat shape). The result is the penalized
    /// optimum over the tied shapes — the other terms are refitted around the constrained one, not
    /// left where the unconstrained fit put them. A fit whose shapes already respect their
    /// constraints is returned unchanged, so a constraint that costs nothing changes nothing.
    static func solve(_ problem: Problem, _ cells: TermCells, shapes: [[Int]], rows: [Int]?, roughness: Double, pairCount: Int,
                      start: [Double]?, settings: AdditiveSettings) -> OptimizationResult {
        var result = solveUnconstrained(problem, cells, shapes: shapes, rows: rows, roughness: roughness, pairCount: pairCount,
                                        start: start, settings: settings)
        let constrained = problem.monotone.keys.filter { $0 < cells.termCount - pairCount }.sorted()
        guard !constrained.isEmpty else { return result }

        // Training weight per fine bin of each constrained term, on the rows of this fit.
        var binWeights: [Int: [Double]] = [:]
        for t in constrained {
            var weights = [Double](repeating: 0, count: cells.cellCounts[t])
            let addRow = { (i: Int) in weights[Int(cells.cells[i * cells.termCount + t])] += problem.weights?[i] ?? 1 }
            if let rows { rows.forEach(addRow) } else { (0..<cells.rows).forEach(addRow) }
            binWeights[t] = weights
        }
        // Fine bin → block, per constrained term; bin 0 (missing) is its own block, never constrained.
        var maps: [Int: [Int]] = [:]
        for t in constrained { maps[t] = Array(0..<cells.cellCounts[t]) }
        var current = cells
        for _ in 0..<(cells.tableParameterCount + 1) {
            var fine = expand(result.parameters, pooled: current, fine: cells, maps: maps)
            var changed = false
            for t in constrained {
                let map = maps[t]!, blockCount = current.cellCounts[t]
                guard blockCount > 2, let direction = problem.monotone[t] else { continue }
                // Block values and weights, blocks 1… in bin order.
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
            guard changed else {
                result.parameters = fine
                return result
            }
            current = cells
            var pooledShapes = shapes
            for t in constrained {
                let count = maps[t]!.max()! + 1
                current = current.pooled(term: t, map: maps[t]!, count: count)
                pooledShapes[t] = [count]
            }
            result = solveUnconstrained(problem, current, shapes: pooledShapes, rows: rows, roughness: roughness, pairCount: pairCount,
                                        start: collapse(fine, fine: cells, pooled: current, maps: maps), settings: settings)
        }
        result.parameters = expand(result.parameters, pooled: current, fine: cells, maps: maps)
        return result
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
