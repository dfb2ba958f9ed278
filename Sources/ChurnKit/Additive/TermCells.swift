import Dispatch

/// The cell of every row in every term, as 16-bit indices: rows × terms, row-major.
///
/// This is the whole design of an additive model. A one-hot matrix over all bins would be
/// rows × (Σ cells) doubles (1M × 1,200 × 8 B ≈ 10 GB); the indices are rows × terms × 2 B
/// (1M × 26 × 2 B = 52 MB), and the logit of a row is a gather of one table entry per term.
struct TermCells: Sendable {
    let rows: Int
    let termCount: Int
    /// Cells per term.
    let cellCounts: [Int]
    /// Where each term's table starts in the parameter vector; the intercept comes after the last.
    let offsets: [Int]
    /// `cells[i · termCount + t]`: the cell of row `i` in term `t`.
    var cells: [UInt16]

    /// The parameters of all tables (without the intercept).
    var tableParameterCount: Int { (offsets.last ?? 0) + (cellCounts.last ?? 0) }

    /// Bins every row of `design` (rows × inputs, row-major) for `terms`.
    init(design: DenseMatrix, terms: [AdditiveTerm]) {
        precondition(terms.allSatisfy { $0.cellCount <= Int(UInt16.max) + 1 }, "a term has more than 65,536 cells")
        rows = design.rows
        termCount = terms.count
        cellCounts = terms.map(\.cellCount)
        var offset = 0
        offsets = cellCounts.map { count in defer { offset += count }; return offset }
        var cells = [UInt16](repeating: 0, count: rows * terms.count)
        let t = terms.count, n = design.rows
        // Binning is a binary search per row and term: the rows are split between the cores.
        let threads = n >= 65536 ? min(2, max(1, System.activeProcessorCount)) : 1
        cells.withUnsafeMutableBufferPointer { out in
            let target = SendablePointer(out.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                design.values.withUnsafeBufferPointer { x in
                    for i in (n * thread / threads)..<(n * (thread + 1) / threads) {
                        let row = x.baseAddress! + i * design.columns
                        for k in 0..<t { target.pointer[i * t + k] = UInt16(truncatingIfNeeded: terms[k].cell(row)) }
                    }
                }
            }
        }
        self.cells = cells
    }

    /// These terms followed by terms with `extra` cells each, whose cells `fill(i, out)` writes
    /// into `out` (one entry per extra term) for row `i`.
    func appending(cellCounts extra: [Int], fill: (Int, UnsafeMutableBufferPointer<UInt16>) -> Void) -> TermCells {
        precondition(extra.allSatisfy { $0 <= Int(UInt16.max) + 1 }, "a term has more than 65,536 cells")
        let width = termCount + extra.count
        var out = [UInt16](repeating: 0, count: rows * width)
        out.withUnsafeMutableBufferPointer { o in
            cells.withUnsafeBufferPointer { c in
                for i in 0..<rows {
                    let row = o.baseAddress! + i * width
                    for k in 0..<termCount { row[k] = c[i * termCount + k] }
                    fill(i, UnsafeMutableBufferPointer(start: row + termCount, count: extra.count))
                }
            }
        }
        let counts = cellCounts + extra
        var offset = 0
        let offsets = counts.map { count in defer { offset += count }; return offset }
        return TermCells(rows: rows, termCount: width, cellCounts: counts, offsets: offsets, cells: out)
    }

    /// Cells already computed: `cells[i · cellCounts.count + t]` is row `i`'s cell in term `t`.
    init(cells: [UInt16], rows: Int, cellCounts: [Int]) {
        precondition(cells.count == rows * cellCounts.count, "\(cells.count) cells for \(rows) rows × \(cellCounts.count) terms")
        var offset = 0
        self.init(rows: rows, termCount: cellCounts.count, cellCounts: cellCounts,
                  offsets: cellCounts.map { count in defer { offset += count }; return offset }, cells: cells)
    }

    private init(rows: Int, termCount: Int, cellCounts: [Int], offsets: [Int], cells: [UInt16]) {
        self.rows = rows
        self.termCount = termCount
        self.cellCounts = cellCounts
        self.offsets = offsets
        self.cells = cells
    }

    /// The rows listed, in that order.
    func rows(_ indices: [Int]) -> TermCells {
        var out = [UInt16](repeating: 0, count: indices.count * termCount)
        for (k, i) in indices.enumerated() {
            for t in 0..<termCount { out[k * termCount + t] = cells[i * termCount + t] }
        }
        return TermCells(rows: indices.count, termCount: termCount, cellCounts: cellCounts, offsets: offsets, cells: out)
    }

    /// Only the terms listed (for the main effects of a model with pairs).
    func terms(_ kept: [Int]) -> TermCells {
        var out = [UInt16](repeating: 0, count: rows * kept.count)
        for i in 0..<rows { for (k, t) in kept.enumerated() { out[i * kept.count + k] = cells[i * termCount + t] } }
        var offset = 0
        let counts = kept.map { cellCounts[$0] }
        let offsets = counts.map { count in defer { offset += count }; return offset }
        return TermCells(rows: rows, termCount: kept.count, cellCounts: counts, offsets: offsets, cells: out)
    }

    /// Term `t` with its cells merged: cell `k` becomes `map[k]` (< `count`). A monotone fit ties
    /// the bins of a pooled block to one parameter this way; the other terms shift their offsets.
    func pooled(term t: Int, map: [Int], count: Int) -> TermCells {
        precondition(map.count == cellCounts[t], "\(map.count) entries in the map for \(cellCounts[t]) cells")
        var out = cells
        for i in 0..<rows { out[i * termCount + t] = UInt16(map[Int(cells[i * termCount + t])]) }
        var counts = cellCounts
        counts[t] = count
        var offset = 0
        let offsets = counts.map { count in defer { offset += count }; return offset }
        return TermCells(rows: rows, termCount: termCount, cellCounts: counts, offsets: offsets, cells: out)
    }

    /// `intercept + Σₜ tables[offsetₜ + cellᵢₜ]` for every row (θ = tables then the intercept).
    func logits(_ theta: [Double]) -> [Double] {
        let intercept = theta[tableParameterCount]
        var z = [Double](repeating: intercept, count: rows)
        cells.withUnsafeBufferPointer { c in
            for i in 0..<rows {
                var s = intercept
                for t in 0..<termCount { s += theta[offsets[t] + Int(c[i * termCount + t])] }
                z[i] = s
            }
        }
        return z
    }

    /// Weighted rows per cell of term `t`.
    func cellWeights(term t: Int, weights: [Double]?) -> [Double] {
        var out = [Double](repeating: 0, count: cellCounts[t])
        for i in 0..<rows { out[Int(cells[i * termCount + t])] += weights?[i] ?? 1 }
        return out
    }
}
