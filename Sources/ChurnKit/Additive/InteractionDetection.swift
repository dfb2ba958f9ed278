import Dispatch

/// FAST (Lou, Caruana, Gehrke, Hooker, KDD 2013): ranks every pair of inputs by how much a
/// 2-D step function with one cut on each axis would improve the current model.
///
/// On the residuals of the main-effects model (`gᵢ = wᵢ(pᵢ − yᵢ)`, `hᵢ = wᵢpᵢ(1 − pᵢ)`), each pair's
/// rows are summed into a coarse grid of cells; for every cut `(a, b)` the four quadrants' Newton
/// gain `Σ_quadrant G²/H` is read from cumulative sums, `O(A·B)` per cut row. The pair's score is
/// its best cut's gain: the drop in the second-order loss that the best four-leaf interaction
/// would buy. It costs one pass over the rows per batch of pairs (the pairs are shared between
/// the cores, each core's in batches of grids that fit a cache) and never fits the pairs themselves.
enum InteractionDetection {
    /// A candidate pair and its score.
    struct ScoredPair: Sendable, Equatable {
        var first: Int
        var second: Int
        var gain: Double
    }

    /// - Parameters:
    ///   - coarseCells: rows × inputs, row-major: each row's coarse bin per input (missing = 0).
    ///   - binCounts: coarse bins per input.
    ///   - gradient, hessian: per row, from the main-effects model.
    ///   - minimumRows: each quadrant must hold at least this many rows.
    /// - Returns: every pair with a valid cut, best first (ties by input order).
    static func rank(coarseCells: [UInt16], inputCount p: Int, binCounts: [Int], gradient: [Double], hessian: [Double],
                            minimumRows: Int = 10) -> [ScoredPair] {
        let n = gradient.count
        precondition(coarseCells.count == n * p, "\(coarseCells.count) cells for \(n) rows × \(p) inputs")
        var list: [(Int, Int)] = []
        for a in 0..<p { for b in (a + 1)..<p { list.append((a, b)) } }
        let pairs = list
        var gains = [Double](repeating: -.infinity, count: pairs.count)
        let threads = n * pairs.count >= 4_000_000 ? min(2, max(1, System.activeProcessorCount)) : 1
        gains.withUnsafeMutableBufferPointer { out in
            let results = SendablePointer(out.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                let mine = Array(stride(from: thread, to: pairs.count, by: threads))
                var next = 0
                while next < mine.count {
                    // A batch of pairs whose grids fit in about 4 MB, summed in one pass over the rows.
                    var batch: [Int] = [], bytes = 0
                    while next < mine.count && (batch.isEmpty || bytes < 4 << 20) {
                        let (a, b) = pairs[mine[next]]
                        batch.append(mine[next])
                        bytes += binCounts[a] * binCounts[b] * 3 * MemoryLayout<Double>.stride
                        next += 1
                    }
                    let grids = gridSums(coarseCells, p, batch.map { pairs[$0] }, binCounts, gradient, hessian)
                    for (m, k) in batch.enumerated() {
                        let (a, b) = pairs[k]
                        results.pointer[k] = bestCutGain(grids.sums[grids.starts[m]..<(grids.starts[m] + binCounts[a] * binCounts[b] * 3)],
                                                         binCounts[a], binCounts[b], minimumRows)
                    }
                }
            }
        }
        return pairs.indices.filter { gains[$0].isFinite && gains[$0] > 0 }
            .sorted { gains[$0] > gains[$1] || (gains[$0] == gains[$1] && $0 < $1) }
            .map { ScoredPair(first: pairs[$0].0, second: pairs[$0].1, gain: gains[$0]) }
    }

    /// Each pair's grid of `(G, H, N)` per cell (interleaved; a pair's grid starts at `starts[m]`):
    /// one pass over the rows for all the pairs listed. Every cell sums its rows in row order.
    static func gridSums(_ cells: [UInt16], _ p: Int, _ pairs: [(Int, Int)], _ binCounts: [Int], _ g: [Double], _ h: [Double])
        -> (sums: [Double], starts: [Int]) {
        var starts: [Int] = [], total = 0
        for (a, b) in pairs { starts.append(total); total += binCounts[a] * binCounts[b] * 3 }
        var sums = [Double](repeating: 0, count: total)
        let first = pairs.map(\.0), second = pairs.map(\.1), width = pairs.map { binCounts[$0.1] }
        sums.withUnsafeMutableBufferPointer { out in
            cells.withUnsafeBufferPointer { c in
                first.withUnsafeBufferPointer { first in
                    second.withUnsafeBufferPointer { second in
                        width.withUnsafeBufferPointer { width in
                            starts.withUnsafeBufferPointer { starts in
                                for i in 0..<g.count {
                                    let row = c.baseAddress! + i * p
                                    let gi = g[i], hi = h[i]
                                    for m in 0..<first.count {
                                        let cell = starts[m] + 3 * (Int(row[first[m]]) * width[m] + Int(row[second[m]]))
                                        out[cell] += gi
                                        out[cell + 1] += hi
                                        out[cell + 2] += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (sums, starts)
    }

    /// The best four-quadrant gain of one pair, over the baseline of no cut, from its grid of
    /// interleaved `(G, H, N)` per cell (`rowsA × rowsB` cells).
    static func bestCutGain(_ grid: ArraySlice<Double>, _ rowsA: Int, _ rowsB: Int, _ minimumRows: Int) -> Double {
        let size = rowsA * rowsB, base = grid.startIndex
        var G = [Double](repeating: 0, count: size), H = G, N = G
        for cell in 0..<size { G[cell] = grid[base + 3 * cell]; H[cell] = grid[base + 3 * cell + 1]; N[cell] = grid[base + 3 * cell + 2] }
        // Totals per column of the rows at or below the cut (running), and of all rows.
        var totalG = [Double](repeating: 0, count: rowsB), totalH = totalG, totalN = totalG
        for a in 0..<rowsA { for b in 0..<rowsB { totalG[b] += G[a * rowsB + b]; totalH[b] += H[a * rowsB + b]; totalN[b] += N[a * rowsB + b] } }
        let allG = totalG.reduce(0, +), allH = totalH.reduce(0, +)
        let epsilon = 1e-12 * max(allH, 1)
        let baseline = allG * allG / (allH + epsilon)
        var lowG = [Double](repeating: 0, count: rowsB), lowH = lowG, lowN = lowG
        var best = -Double.infinity
        let minimum = Double(minimumRows)
        for cutA in 0..<(rowsA - 1) {
            for b in 0..<rowsB { lowG[b] += G[cutA * rowsB + b]; lowH[b] += H[cutA * rowsB + b]; lowN[b] += N[cutA * rowsB + b] }
            // Quadrants: (low a, low b), (low a, high b), (high a, low b), (high a, high b).
            var llG = 0.0, llH = 0.0, llN = 0.0, hlG = 0.0, hlH = 0.0, hlN = 0.0
            let lowAllG = lowG.reduce(0, +), lowAllH = lowH.reduce(0, +), lowAllN = lowN.reduce(0, +)
            let allN = totalN.reduce(0, +)
            for cutB in 0..<(rowsB - 1) {
                llG += lowG[cutB]; llH += lowH[cutB]; llN += lowN[cutB]
                hlG += totalG[cutB] - lowG[cutB]; hlH += totalH[cutB] - lowH[cutB]; hlN += totalN[cutB] - lowN[cutB]
                let lhG = lowAllG - llG, lhH = lowAllH - llH, lhN = lowAllN - llN
                let hhG = allG - lowAllG - hlG, hhH = allH - lowAllH - hlH, hhN = allN - lowAllN - hlN
                guard llN >= minimum, lhN >= minimum, hlN >= minimum, hhN >= minimum else { continue }
                let gain = llG * llG / (llH + epsilon) + lhG * lhG / (lhH + epsilon) + hlG * hlG / (hlH + epsilon) + hhG * hhG / (hhH + epsilon)
                best = max(best, gain - baseline)
            }
        }
        return best
    }
}
