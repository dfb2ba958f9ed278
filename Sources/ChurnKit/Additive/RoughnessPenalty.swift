/// The block-structured quadratic penalty of an additive model:
///
///     ½ · Σₜ λₜ · ‖Dₜ θₜ‖²  +  ½ · Σₜ ρₜ · ‖θₜ‖²
///
/// `Dₜ` takes second differences between neighbouring bins (P-splines): along the bins of a main
/// effect, along both axes of an interaction grid, never across the missing bin. It makes shapes
/// smooth where the data are thin and leaves them free where the data speak. The small ridge `ρₜ`
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

        @inline(__always)
        func index(_ k: Int) -> Int { indices?[k] ?? start + k * stride }
    }

    var chains: [Chain]
    /// ρ per table parameter.
    var ridge: [Double]

    /// - Parameters: `cells`: the term layout; `shapes`: bins per axis of each term (one entry for a
    ///   main effect, two for a pair); `roughness`/`ridge`: λₜ and ρₜ per term.
    init(cells: TermCells, shapes: [[Int]], roughness: [Double], ridge ridges: [Double]) {
        var chains: [Chain] = []
        var ridge = [Double](repeating: 0, count: cells.tableParameterCount)
        for t in 0..<cells.termCount {
            let offset = cells.offsets[t]
            for k in 0..<cells.cellCounts[t] { ridge[offset + k] = ridges[t] }
            let shape = shapes[t]
            guard roughness[t] > 0 else { continue }
            if shape.count == 1 {
                // Bin 0 is missing; bins 1… are ordered.
                if shape[0] - 1 >= 3 { chains.append(Chain(start: offset + 1, stride: 1, length: shape[0] - 1, strength: roughness[t])) }
            } else {
                let (a, b) = (shape[0], shape[1])
                if b - 1 >= 3 {
                    for r in 0..<a { chains.append(Chain(start: offset + r * b + 1, stride: 1, length: b - 1, strength: roughness[t])) }
                }
                if a - 1 >= 3 {
                    for c in 0..<b { chains.append(Chain(start: offset + b + c, stride: b, length: a - 1, strength: roughness[t])) }
                }
            }
        }
        self.chains = chains
        self.ridge = ridge
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
                let d = theta[i0] - 2 * theta[i1] + theta[i2]
                total += 0.5 * chain.strength * d * d
                if let g = gradient {
                    let s = chain.strength * d
                    g[i0] += s
                    g[i1] -= 2 * s
                    g[i2] += s
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
                let s = chain.strength * (v[i0] - 2 * v[i1] + v[i2])
                result[i0] += s
                result[i1] -= 2 * s
                result[i2] += s
            }
        }
    }

    /// Adds P into a full q × q row-major Hessian.
    func addHessian(_ h: UnsafeMutablePointer<Double>, q: Int) {
        for j in 0..<ridge.count { h[j * q + j] += ridge[j] }
        let weights = [1.0, -2.0, 1.0]
        for chain in chains {
            for k in 0..<(chain.length - 2) {
                let index = [chain.index(k), chain.index(k + 1), chain.index(k + 2)]
                for a in 0..<3 { for b in 0..<3 { h[index[a] * q + index[b]] += chain.strength * weights[a] * weights[b] } }
            }
        }
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
