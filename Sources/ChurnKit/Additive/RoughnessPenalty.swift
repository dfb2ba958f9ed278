/// The block-structured quadratic penalty of an additive model:
///
///     ½ · Σₜ λₜ · ‖Dₜ θₜ‖²  +  ½ · Σₜ ρₜ · ‖θₜ‖²
///
/// `Dₜ` takes second differences between neighbouring bins (P-splines): along the bins of a main
/// effect, along both axes of an interaction grid, never across the missing bin. It makes shapes
/// smooth where the data are thin and leaves them free where the data speak. Along a main effect
/// the differences are *divided* by the spacing of the bins' centres on the input's scale (the
/// `TermShape`'s centres), so a straight line in the input costs nothing however unevenly the
/// quantile bins fall, and the strongest penalty ends at the linear model rather than at a line in
/// the bin index; with evenly spaced centres the weights are exactly (1, −2, 1). The small ridge `ρₜ`
/// pins each table's level (a table and the intercept could otherwise trade a constant) and
/// shrinks sparse cells; interaction grids get a strong one, since they overfit otherwise. The
/// intercept is never penalized. The penalty's Hessian is block-diagonal, one block per term.
struct RoughnessPenalty: Sendable {
    /// A run of parameters penalized by second differences: `θ[start + k·stride]`, k < length.
    struct Chain: Sendable {
        var start: Int
        var stride: Int
        var length: Int
        var strength: Double
        /// The parameters of a chain over tied bins, in bin order (repeats allowed); nil: `start + k·stride`.
        var indices: [Int]? = nil
        /// Three weights per triple `k, k+1, k+2` (divided differences); nil: (1, −2, 1) for every triple.
        var weights: [Double]? = nil
        /// The smoothing parameter this chain belongs to (an index into ``RoughnessPenalty/components``).
        var component = 0

        /// The weights of triple `k`.
        @inline(__always)
        func weights(_ k: Int) -> (Double, Double, Double) {
            guard let weights else { return (1, -2, 1) }
            return (weights[3 * k], weights[3 * k + 1], weights[3 * k + 2])
        }

        @inline(__always)
        func index(_ k: Int) -> Int { indices?[k] ?? start + k * stride }
    }

    /// One smoothing parameter: term `term`'s differences along its input `axis` (0 for a main
    /// effect; 0 or 1 for a pair, each axis with its own λ, as mgcv's tensor products have).
    struct Component: Sendable, Equatable {
        var term: Int
        var axis: Int
    }

    var chains: [Chain]
    /// ρ per table parameter.
    var ridge: [Double]
    /// The smoothing parameters that have at least one chain, in the order their chains come.
    var components: [Component]

    /// - Parameters: `cells`: the term layout; `shapes`: each term's bins per axis (one entry for a
    ///   main effect, two for a pair) and a main effect's bin centres; `roughness`/`ridge`: λₜ and ρₜ per term.
    init(cells: TermCells, shapes: [TermShape], roughness: [Double], ridge ridges: [Double]) {
        self.init(cells: cells, shapes: shapes, strengths: zip(roughness, shapes).map { [Double](repeating: $0, count: $1.bins.count) },
                  ridge: ridges)
    }

    /// - Parameters: `cells`: the term layout; `shapes`: each term's bins per axis and a main
    ///   effect's bin centres; `strengths`: λ per term and axis (one for a main effect, two for a
    ///   pair: along its first input's bins, then its second's); `ridge`: ρₜ per term.
    init(cells: TermCells, shapes: [TermShape], strengths: [[Double]], ridge ridges: [Double]) {
        var chains: [Chain] = []
        var components: [Component] = []
        var ridge = [Double](repeating: 0, count: cells.tableParameterCount)
        func add(_ found: [Chain], term t: Int, axis: Int) {
            guard !found.isEmpty && strengths[t][axis] > 0 else { return }
            chains += found.map { var chain = $0; chain.component = components.count; return chain }
            components.append(Component(term: t, axis: axis))
        }
        for t in 0..<cells.termCount {
            let offset = cells.offsets[t]
            for k in 0..<cells.cellCounts[t] { ridge[offset + k] = ridges[t] }
            let shape = shapes[t].bins
            if shape.count == 1 {
                // Bin 0 is missing; bins 1… are ordered.
                if shape[0] - 1 >= 3 {
                    add([Chain(start: offset + 1, stride: 1, length: shape[0] - 1, strength: strengths[t][0],
                               weights: shapes[t].centres.map(Self.dividedDifferenceWeights))], term: t, axis: 0)
                }
            } else {
                let (a, b) = (shape[0], shape[1])
                // Along the second input (a row of the row-major grid), then along the first (a column).
                if b - 1 >= 3 {
                    add((0..<a).map { r in Chain(start: offset + r * b + 1, stride: 1, length: b - 1, strength: strengths[t][1]) }, term: t, axis: 1)
                }
                if a - 1 >= 3 {
                    add((0..<b).map { c in Chain(start: offset + b + c, stride: b, length: a - 1, strength: strengths[t][0]) }, term: t, axis: 0)
                }
            }
        }
        self.chains = chains
        self.ridge = ridge
        self.components = components
    }

    /// The penalty at `theta`; adds its gradient into `gradient` when given.
    func value(_ theta: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>?) -> Double {
        var total = 0.0
        for j in 0..<ridge.count where ridge[j] > 0 {
            total += 0.5 * ridge[j] * theta[j] * theta[j]
            gradient?[j] += ridge[j] * theta[j]
        }
        for chain in chains {
            for k in 0..<(chain.length - 2) {
                let i0 = chain.index(k), i1 = chain.index(k + 1), i2 = chain.index(k + 2)
                let (w0, w1, w2) = chain.weights(k)
                let d = w0 * theta[i0] + w1 * theta[i1] + w2 * theta[i2]
                total += 0.5 * chain.strength * d * d
                if let g = gradient {
                    let s = chain.strength * d
                    g[i0] += w0 * s
                    g[i1] += w1 * s
                    g[i2] += w2 * s
                }
            }
        }
        return total
    }

    /// Adds `P·v` into `result` (P is the penalty's Hessian).
    func multiply(_ v: UnsafePointer<Double>, into result: UnsafeMutablePointer<Double>) {
        for j in 0..<ridge.count where ridge[j] > 0 { result[j] += ridge[j] * v[j] }
        for chain in chains {
            for k in 0..<(chain.length - 2) {
                let i0 = chain.index(k), i1 = chain.index(k + 1), i2 = chain.index(k + 2)
                let (w0, w1, w2) = chain.weights(k)
                let s = chain.strength * (w0 * v[i0] + w1 * v[i1] + w2 * v[i2])
                result[i0] += w0 * s
                result[i1] += w1 * s
                result[i2] += w2 * s
            }
        }
    }

    /// Adds P into a full q × q row-major Hessian.
    func addHessian(_ h: UnsafeMutablePointer<Double>, q: Int) {
        for j in 0..<ridge.count { h[j * q + j] += ridge[j] }
        for chain in chains { Self.addDifferences(chain, into: h, q: q) }
    }

    /// Adds `chain`'s difference penalty `strength·DᵀD` into a row-major matrix with row length
    /// `q` whose entry `(i, j)` is at `(i − shift)·q + j − shift`.
    static func addDifferences(_ chain: Chain, into h: UnsafeMutablePointer<Double>, q: Int, shift: Int = 0) {
        for k in 0..<(chain.length - 2) {
            let index = (chain.index(k) - shift, chain.index(k + 1) - shift, chain.index(k + 2) - shift)
            let (w0, w1, w2) = chain.weights(k)
            @inline(__always) func addRow(_ i: Int, _ wi: Double) {
                let s = chain.strength * wi
                h[i * q + index.0] += s * w0
                h[i * q + index.1] += s * w1
                h[i * q + index.2] += s * w2
            }
            addRow(index.0, w0)
            addRow(index.1, w1)
            addRow(index.2, w2)
        }
    }

    /// `θᵀ S_c θ` for each component `c` at unit strength: its squared differences.
    func componentSquares(_ theta: UnsafePointer<Double>) -> [Double] {
        var squares = [Double](repeating: 0, count: components.count)
        for chain in chains {
            for k in 0..<(chain.length - 2) {
                let (w0, w1, w2) = chain.weights(k)
                let d = w0 * theta[chain.index(k)] + w1 * theta[chain.index(k + 1)] + w2 * theta[chain.index(k + 2)]
                squares[chain.component] += d * d
            }
        }
        return squares
    }

    /// `tr(M S_c)` for each component `c` at unit strength, `M` a symmetric matrix over the
    /// parameters, row-major with row length `q`, entry `(i, j)` at `(i − shift)·q + j − shift`.
    func componentTraces(_ m: UnsafePointer<Double>, q: Int, shift: Int = 0, only term: Int? = nil) -> [Double] {
        var traces = [Double](repeating: 0, count: components.count)
        for chain in chains where term.map({ components[chain.component].term == $0 }) ?? true {
            for k in 0..<(chain.length - 2) {
                let index = (chain.index(k) - shift, chain.index(k + 1) - shift, chain.index(k + 2) - shift)
                let (w0, w1, w2) = chain.weights(k)
                // wᵀ M w over the triple.
                let row0 = w0 * m[index.0 * q + index.0] + w1 * m[index.0 * q + index.1] + w2 * m[index.0 * q + index.2]
                let row1 = w0 * m[index.1 * q + index.0] + w1 * m[index.1 * q + index.1] + w2 * m[index.1 * q + index.2]
                let row2 = w0 * m[index.2 * q + index.0] + w1 * m[index.2 * q + index.1] + w2 * m[index.2 * q + index.2]
                traces[chain.component] += w0 * row0 + w1 * row1 + w2 * row2
            }
        }
        return traces
    }

    /// `tr(P⁻¹ S_c)` for each component: `P` is block-diagonal by term, so each term's block
    /// (its ridge plus its chains) is inverted alone. nil when a block is not positive definite
    /// (a term without ridge).
    func penaltyInverseTraces(cells: TermCells) -> [Double]? {
        var traces = [Double](repeating: 0, count: components.count)
        for t in Set(components.map(\.term)).sorted() {
            let offset = cells.offsets[t], m = cells.cellCounts[t]
            var block = [Double](repeating: 0, count: m * m)
            for k in 0..<m { block[k * m + k] = ridge[offset + k] }
            block.withUnsafeMutableBufferPointer { b in
                for chain in chains where components[chain.component].term == t { Self.addDifferences(chain, into: b.baseAddress!, q: m, shift: offset) }
            }
            let inverted = block.withUnsafeMutableBufferPointer { BLAS.invertSymmetricPositiveDefinite(n: m, $0.baseAddress!) }
            guard inverted else { return nil }
            let found = block.withUnsafeBufferPointer { componentTraces($0.baseAddress!, q: m, shift: offset, only: t) }
            for c in components.indices where components[c].term == t { traces[c] = found[c] }
        }
        return traces
    }

    /// Weights of the second divided differences over bins centred at `centres` (increasing), scaled
    /// by `2h̄²/(a+b)` so evenly spaced centres (`h̄` apart) give (1, −2, 1): for gaps `a`, `b` either
    /// side of the middle bin, `s·(1/a, −(1/a + 1/b), 1/b)`. A gap is floored at `h̄/1000`, so two
    /// centres that meet in floating point cannot make the penalty ill-conditioned.
    static func dividedDifferenceWeights(_ centres: [Double]) -> [Double] {
        let m = centres.count
        guard m >= 3 else { return [] }
        // Spacings in units of the mean spacing (the weights do not depend on the unit); halves,
        // so centres near ±10³⁰⁸ do not overflow their differences.
        let half = centres.map { $0 / 2 }
        let mean = (half[m - 1] - half[0]) / Double(m - 1)
        guard mean > 0 && mean.isFinite else { return [Double](repeating: 0, count: 3 * (m - 2)).enumerated().map { [1.0, -2, 1][$0.offset % 3] } }
        var weights: [Double] = []
        weights.reserveCapacity(3 * (m - 2))
        for k in 0..<(m - 2) {
            let a = max((half[k + 1] - half[k]) / mean, 1.0 / 1000), b = max((half[k + 2] - half[k + 1]) / mean, 1.0 / 1000)
            let scale = 2 / (a + b)
            weights += [scale / a, -scale * (1 / a + 1 / b), scale / b]
        }
        return weights
    }

    /// This penalty (over the bins of `fine`) restricted to tied bins: `pooled` has term `t`'s bin
    /// `k` at `maps[t][k]`. Chains read the tied parameters with repeats and each tied parameter
    /// carries the ridge of all its bins, so the value is exactly the fine penalty of the expanded
    /// tables: a tied fit minimizes the same objective over a subspace.
    func tied(fine: TermCells, pooled: TermCells, maps: [Int: [Int]]) -> RoughnessPenalty {
        var translate = [Int](repeating: 0, count: fine.tableParameterCount)
        for t in 0..<fine.termCount {
            for k in 0..<fine.cellCounts[t] { translate[fine.offsets[t] + k] = pooled.offsets[t] + (maps[t]?[k] ?? k) }
        }
        var out = self
        out.ridge = [Double](repeating: 0, count: pooled.tableParameterCount)
        for j in ridge.indices { out.ridge[translate[j]] += ridge[j] }
        out.chains = chains.map { chain in
            var tied = chain
            tied.indices = (0..<chain.length).map { translate[chain.start + $0 * chain.stride] }
            return tied
        }
        return out
    }
}
