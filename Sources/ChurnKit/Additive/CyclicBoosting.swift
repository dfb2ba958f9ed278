#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One bag of route (b): cyclic gradient boosting of some terms of an additive logistic model,
/// the others held fixed, with early stopping on the bag's held-out rows (``BoostingSettings``).
///
/// Everything a round touches is allocated once here: the boosted terms' cells copied column by
/// column (term-major, so a term's pass reads one contiguous `UInt16` run), the logits of the
/// boosting and held-out rows, the per-cell gradient / Hessian / weight sums and the step table.
/// A term's step is two passes over the boosting rows (gather the sums by cell; add the step to
/// the logits) and one over the held-out rows.
final class CyclicBoosting {
    let settings: BoostingSettings
    /// Term index, its shape (bins per axis: one axis, or two for a pair) and its table's offset.
    private let terms: [(index: Int, shape: [Int], offset: Int)]
    private let trainCells: [UInt16], validationCells: [UInt16]
    private let trainLabels: [Double], trainWeights: [Double], validationLabels: [Double], validationWeights: [Double]
    private var trainLogits: [Double], validationLogits: [Double]
    private var G: [Double], H: [Double], N: [Double], step: [Double]
    /// Scratch for the trees: prefix sums or a pair's per-axis sums.
    private var scratch: [Double]
    private var boundaries: [Int]
    /// Rounds with random cuts before the gain-driven ones (``BoostingSettings/smoothingRounds``).
    private let smoothingRounds: Int
    /// Draws the smoothing rounds' cuts; seeded per bag.
    private var generator: SeededGenerator
    /// Scratch for the random cuts: the candidate edges 1..<bins, partly shuffled.
    private var edges: [Int] = []

    /// - Parameters:
    ///   - cells: every row's cell in every term of the model.
    ///   - boosted: the terms to boost, with their shapes (bins per axis).
    ///   - theta: the model's tables and intercept (last) the bag starts from.
    ///   - train, validation: the bag's boosting and held-out rows.
    ///   - smoothingRounds: first rounds with random cuts; `seed` draws them.
    init(cells: TermCells, boosted: [(index: Int, shape: [Int])], theta: [Double], labels: [Double], weights: [Double]?,
         train: [Int], validation: [Int], settings: BoostingSettings, smoothingRounds: Int, seed: UInt64) {
        self.settings = settings
        self.smoothingRounds = smoothingRounds
        generator = SeededGenerator(seed: seed)
        terms = boosted.map { ($0.index, $0.shape, cells.offsets[$0.index]) }
        let t = cells.termCount
        func columns(_ rows: [Int]) -> [UInt16] {
            var out = [UInt16](repeating: 0, count: rows.count * boosted.count)
            cells.cells.withUnsafeBufferPointer { c in
                for (k, term) in boosted.enumerated() {
                    let base = k * rows.count
                    for (r, i) in rows.enumerated() { out[base + r] = c[i * t + term.index] }
                }
            }
            return out
        }
        trainCells = columns(train)
        validationCells = columns(validation)
        trainLabels = train.map { labels[$0] }
        validationLabels = validation.map { labels[$0] }
        trainWeights = train.map { weights?[$0] ?? 1 }
        validationWeights = validation.map { weights?[$0] ?? 1 }
        let logits = cells.logits(theta)
        trainLogits = train.map { logits[$0] }
        validationLogits = validation.map { logits[$0] }
        let widest = boosted.map { $0.shape.reduce(1, *) }.max() ?? 1
        G = [Double](repeating: 0, count: widest)
        H = G
        N = G
        step = G
        scratch = [Double](repeating: 0, count: 6 * (widest + 1))
        boundaries = [Int](repeating: 0, count: settings.maxLeaves + 2)
        edges = [Int](repeating: 0, count: widest)
    }

    /// Boosts until the held-out log loss stops improving (or `maxRounds`), leaving `theta` at
    /// the best round's tables. Returns the rounds run and the best held-out log loss. The
    /// smoothing rounds come first; a better held-out loss during them is kept, but rounds
    /// without one count towards early stopping only after them.
    func run(_ theta: inout [Double]) -> (rounds: Int, validationLogLoss: Double, stoppedEarly: Bool) {
        var best = validationLoss()
        var bestTables = theta
        var sinceBest = 0
        var rounds = 0
        while rounds < settings.maxRounds {
            let random = rounds < smoothingRounds
            rounds += 1
            for k in terms.indices { boostTerm(k, &theta, random: random) }
            let loss = validationLoss()
            if loss < best * (1 - settings.earlyStoppingTolerance) {
                best = loss
                for j in theta.indices { bestTables[j] = theta[j] }
                sinceBest = 0
            } else if !random {
                sinceBest += 1
                if sinceBest >= settings.earlyStoppingRounds { break }
            }
        }
        theta = bestTables
        return (rounds, best, sinceBest >= settings.earlyStoppingRounds)
    }

    /// Weighted mean log loss of the held-out rows.
    func validationLoss() -> Double {
        var total = 0.0, weight = 0.0
        for i in validationLogits.indices {
            let w = validationWeights[i]
            total += w * LogisticLoss.loss(label: validationLabels[i], linear: validationLogits[i])
            weight += w
        }
        return weight > 0 ? total / weight : 0
    }

    /// One step on term `k`: gather the sums by cell, fit the step, add it to the table and logits.
    /// A documented hot loop (every boosting row, every term, every round).
    private func boostTerm(_ k: Int, _ theta: inout [Double], random: Bool) {
        let term = terms[k]
        let cellCount = term.shape.reduce(1, *)
        let n = trainLabels.count, m = validationLabels.count
        G.withUnsafeMutableBufferPointer { g in
            H.withUnsafeMutableBufferPointer { h in
                N.withUnsafeMutableBufferPointer { count in
                    for c in 0..<cellCount { g[c] = 0; h[c] = 0; count[c] = 0 }
                    trainCells.withUnsafeBufferPointer { cells in
                        trainLogits.withUnsafeBufferPointer { z in
                            trainLabels.withUnsafeBufferPointer { y in
                                trainWeights.withUnsafeBufferPointer { w in
                                    let column = cells.baseAddress! + k * n
                                    for i in 0..<n {
                                        let c = Int(column[i])
                                        let s = LogisticLoss.sigmoid(z[i])
                                        g[c] += w[i] * (s - y[i])
                                        h[c] += w[i] * s * (1 - s)
                                        count[c] += w[i]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if random {
            randomStep(term.shape)
        } else if settings.maxLeaves == 0 {
            binStep(cellCount)
        } else if term.shape.count == 2 {
            pairStep(term.shape[0], term.shape[1])
        } else {
            treeStep(cellCount)
        }
        for c in 0..<cellCount { theta[term.offset + c] += step[c] }
        step.withUnsafeBufferPointer { delta in
            trainCells.withUnsafeBufferPointer { cells in
                trainLogits.withUnsafeMutableBufferPointer { z in
                    let column = cells.baseAddress! + k * n
                    for i in 0..<n { z[i] += delta[Int(column[i])] }
                }
            }
            validationCells.withUnsafeBufferPointer { cells in
                validationLogits.withUnsafeMutableBufferPointer { z in
                    let column = cells.baseAddress! + k * m
                    for i in 0..<m { z[i] += delta[Int(column[i])] }
                }
            }
        }
    }

    /// The shrunk Newton value of a leaf, or 0 when it holds too little.
    @inline(__always)
    private func leafValue(_ g: Double, _ h: Double, _ n: Double) -> Double {
        n >= settings.minSamplesLeaf && h >= settings.minHessian && h > 0 ? -settings.learningRate * g / h : 0
    }

    @inline(__always)
    private func allowed(_ h: Double, _ n: Double) -> Bool { n >= settings.minSamplesLeaf && h >= settings.minHessian && h > 0 }

    /// The sorted random cuts along an axis of `bins` bins: `min(cuts, bins − 1)` distinct edges
    /// (edge `e` separates bin `e − 1` from bin `e`), drawn uniformly by a partial shuffle; ends with `bins`.
    private func randomCuts(_ bins: Int, _ cuts: Int) -> [Int] {
        let possible = bins - 1
        let count = min(cuts, possible)
        for e in 0..<possible { edges[e] = e + 1 }
        for i in 0..<count {
            let j = i + Int(generator.next(upperBound: UInt64(possible - i)))
            edges.swapAt(i, j)
        }
        return edges[0..<count].sorted() + [bins]
    }

    /// A smoothing round's step: random cuts along each axis (``BoostingSettings/maxLeaves``
    /// − 1 per axis, at least one), each resulting block of cells one leaf with its shrunk
    /// Newton value.
    private func randomStep(_ shape: [Int]) {
        let cuts = max(1, settings.maxLeaves - 1)
        // Each axis's slice of every bin: the slice index is the number of cuts at or below it.
        let slicesA = randomCuts(shape[0], cuts)
        let b = shape.count == 2 ? shape[1] : 1
        let slicesB = shape.count == 2 ? randomCuts(b, cuts) : [1]
        let leafCount = slicesA.count * slicesB.count
        // scratch: per leaf G, H, N.
        for l in 0..<(3 * leafCount) { scratch[l] = 0 }
        func slice(_ bounds: [Int], _ bin: Int) -> Int {
            var s = 0
            while bin >= bounds[s] { s += 1 }
            return s
        }
        for a in 0..<shape[0] {
            let sa = slice(slicesA, a)
            for c in 0..<b {
                let leaf = sa * slicesB.count + slice(slicesB, c), cell = a * b + c
                scratch[3 * leaf] += G[cell]; scratch[3 * leaf + 1] += H[cell]; scratch[3 * leaf + 2] += N[cell]
            }
        }
        for a in 0..<shape[0] {
            let sa = slice(slicesA, a)
            for c in 0..<b {
                let leaf = sa * slicesB.count + slice(slicesB, c)
                step[a * b + c] = leafValue(scratch[3 * leaf], scratch[3 * leaf + 1], scratch[3 * leaf + 2])
            }
        }
    }

    /// A Newton step per bin (or per cell of a pair).
    private func binStep(_ count: Int) {
        for c in 0..<count { step[c] = leafValue(G[c], H[c], N[c]) }
    }

    /// A tree over the ordered bins with at most `maxLeaves` leaves, grown best split first
    /// (gain `G_L²/H_L + G_R²/H_R − G²/H`), each leaf its shrunk Newton value.
    private func treeStep(_ count: Int) {
        // Prefix sums: scratch[0...count] G, then H, then N.
        let pg = 0, ph = count + 1, pn = 2 * (count + 1)
        scratch[pg] = 0; scratch[ph] = 0; scratch[pn] = 0
        for c in 0..<count {
            scratch[pg + c + 1] = scratch[pg + c] + G[c]
            scratch[ph + c + 1] = scratch[ph + c] + H[c]
            scratch[pn + c + 1] = scratch[pn + c] + N[c]
        }
        func sums(_ a: Int, _ b: Int) -> (Double, Double, Double) {
            (scratch[pg + b] - scratch[pg + a], scratch[ph + b] - scratch[ph + a], scratch[pn + b] - scratch[pn + a])
        }
        // Sorted leaf boundaries: 0, …, count.
        boundaries[0] = 0
        boundaries[1] = count
        var leaves = 1
        while leaves < settings.maxLeaves {
            var bestGain = 0.0, bestCut = -1, bestLeaf = -1
            for leaf in 0..<leaves {
                let a = boundaries[leaf], b = boundaries[leaf + 1]
                guard b - a >= 2 else { continue }
                let (g, h, _) = sums(a, b)
                let parent = h > 0 ? g * g / h : 0
                for cut in (a + 1)..<b {
                    let (gl, hl, nl) = sums(a, cut), (gr, hr, nr) = sums(cut, b)
                    guard allowed(hl, nl), allowed(hr, nr) else { continue }
                    let gain = gl * gl / hl + gr * gr / hr - parent
                    if gain > bestGain { bestGain = gain; bestCut = cut; bestLeaf = leaf }
                }
            }
            guard bestCut >= 0 else { break }
            var j = leaves + 1
            while j > bestLeaf + 1 { boundaries[j] = boundaries[j - 1]; j -= 1 }
            boundaries[bestLeaf + 1] = bestCut
            leaves += 1
        }
        for leaf in 0..<leaves {
            let a = boundaries[leaf], b = boundaries[leaf + 1]
            let (g, h, n) = sums(a, b)
            let value = leafValue(g, h, n)
            for c in a..<b { step[c] = value }
        }
    }

    /// A pair's step: one cut along one axis, then in each half the best cut along the other
    /// (up to four leaves, as interpret's pair trees); both orders tried, the better kept.
    private func pairStep(_ rowsA: Int, _ rowsB: Int) {
        let cellCount = rowsA * rowsB
        for c in 0..<cellCount { step[c] = 0 }
        var totalG = 0.0, totalH = 0.0, totalN = 0.0
        for c in 0..<cellCount { totalG += G[c]; totalH += H[c]; totalN += N[c] }
        guard allowed(totalH, totalN) else { return }
        let parent = totalG * totalG / totalH
        // (first axis is A?, first cut, second cut in the low half, in the high half), gain.
        var found: (alongA: Bool, cut: Int, low: Int, high: Int)? = nil
        var bestGain = 0.0
        for order in 0..<2 {
            let alongA = order == 0
            let outer = alongA ? rowsA : rowsB, inner = alongA ? rowsB : rowsA
            // scratch: low half's sums per inner bin (G, H, N), then the totals per inner bin.
            let lg = 0, lh = inner, ln = 2 * inner, tg = 3 * inner, th = 4 * inner, tn = 5 * inner
            for b in 0..<inner { scratch[lg + b] = 0; scratch[lh + b] = 0; scratch[ln + b] = 0; scratch[tg + b] = 0; scratch[th + b] = 0; scratch[tn + b] = 0 }
            for a in 0..<outer {
                for b in 0..<inner {
                    let c = alongA ? a * rowsB + b : b * rowsB + a
                    scratch[tg + b] += G[c]; scratch[th + b] += H[c]; scratch[tn + b] += N[c]
                }
            }
            for cut in 1..<outer {
                for b in 0..<inner {
                    let c = alongA ? (cut - 1) * rowsB + b : b * rowsB + (cut - 1)
                    scratch[lg + b] += G[c]; scratch[lh + b] += H[c]; scratch[ln + b] += N[c]
                }
                var lowG = 0.0, lowH = 0.0, lowN = 0.0
                for b in 0..<inner { lowG += scratch[lg + b]; lowH += scratch[lh + b]; lowN += scratch[ln + b] }
                let highG = totalG - lowG, highH = totalH - lowH, highN = totalN - lowN
                guard allowed(lowH, lowN), allowed(highH, highN) else { continue }
                // The best cut of each half along the inner axis (or none: the half stays one leaf).
                var lowBest = lowG * lowG / lowH, lowCut = -1, highBest = highG * highG / highH, highCut = -1
                var lG = 0.0, lH = 0.0, lN = 0.0, hG = 0.0, hH = 0.0, hN = 0.0
                for b in 0..<(inner - 1) {
                    lG += scratch[lg + b]; lH += scratch[lh + b]; lN += scratch[ln + b]
                    hG += scratch[tg + b] - scratch[lg + b]; hH += scratch[th + b] - scratch[lh + b]; hN += scratch[tn + b] - scratch[ln + b]
                    if allowed(lH, lN), allowed(lowH - lH, lowN - lN) {
                        let value = lG * lG / lH + (lowG - lG) * (lowG - lG) / (lowH - lH)
                        if value > lowBest { lowBest = value; lowCut = b + 1 }
                    }
                    if allowed(hH, hN), allowed(highH - hH, highN - hN) {
                        let value = hG * hG / hH + (highG - hG) * (highG - hG) / (highH - hH)
                        if value > highBest { highBest = value; highCut = b + 1 }
                    }
                }
                let gain = lowBest + highBest - parent
                if gain > bestGain { bestGain = gain; found = (alongA, cut, lowCut, highCut) }
            }
        }
        guard let best = found else {
            let value = leafValue(totalG, totalH, totalN)
            for c in 0..<cellCount { step[c] = value }
            return
        }
        // Leaves: (outer half, inner side); sum each, then write its value to its cells.
        var sumsG = (0.0, 0.0, 0.0, 0.0), sumsH = sumsG, sumsN = sumsG
        func leaf(_ a: Int, _ b: Int) -> Int {
            let (o, i) = best.alongA ? (a, b) : (b, a)
            let low = o < best.cut
            let innerCut = low ? best.low : best.high
            return (low ? 0 : 2) + (innerCut >= 0 && i >= innerCut ? 1 : 0)
        }
        for a in 0..<rowsA {
            for b in 0..<rowsB {
                let c = a * rowsB + b
                switch leaf(a, b) {
                case 0: sumsG.0 += G[c]; sumsH.0 += H[c]; sumsN.0 += N[c]
                case 1: sumsG.1 += G[c]; sumsH.1 += H[c]; sumsN.1 += N[c]
                case 2: sumsG.2 += G[c]; sumsH.2 += H[c]; sumsN.2 += N[c]
                default: sumsG.3 += G[c]; sumsH.3 += H[c]; sumsN.3 += N[c]
                }
            }
        }
        let values = (leafValue(sumsG.0, sumsH.0, sumsN.0), leafValue(sumsG.1, sumsH.1, sumsN.1),
                      leafValue(sumsG.2, sumsH.2, sumsN.2), leafValue(sumsG.3, sumsH.3, sumsN.3))
        for a in 0..<rowsA {
            for b in 0..<rowsB {
                switch leaf(a, b) {
                case 0: step[a * rowsB + b] = values.0
                case 1: step[a * rowsB + b] = values.1
                case 2: step[a * rowsB + b] = values.2
                default: step[a * rowsB + b] = values.3
                }
            }
        }
    }
}
