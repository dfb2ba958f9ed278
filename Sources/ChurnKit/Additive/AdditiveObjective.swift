import Dispatch

/// The additive logistic objective in scikit-learn's parameterization:
///
///     F(θ, b) = C · Σᵢ wᵢ · [log(1 + e^{zᵢ}) − yᵢ·zᵢ]  +  ½ θᵀPθ,   zᵢ = b + Σₜ θ[offsetₜ + cellᵢₜ]
///
/// It is a logistic regression over one-hot term indicators, evaluated without the one-hot
/// matrix: the logit is a *gather* (one table entry per term, `TermCells`) and the gradient a
/// *scatter* (each row's residual added to the entries it read). `P` is the block-structured
/// `RoughnessPenalty`; the intercept `b` is stored last and not penalized. The loss is
/// `LogisticLoss` exactly as in ``LogisticObjective``, so the trainers (Newton, L-BFGS) minimize
/// it without knowing it is additive.
///
/// The Hessian's data part `Σᵢ dᵢ eᵢeᵢᵀ` has a diagonal block per term (a row sits in one cell of
/// each term) and dense blocks between terms; a row adds `dᵢ` at its `T(T+1)/2` cell pairs.
/// Rows are split between the cores; each core accumulates into its own workspace.
///
/// On large data the Hessian's data part is estimated from every `s`-th row (weights × s, about
/// 131,072 rows used): its `T(T+1)/2` scattered adds per row are what a Newton step costs, while
/// the gradient and value stay exact. Newton then converges linearly instead of quadratically,
/// to the same optimum (the stopping rule reads the exact gradient), in a few more cheap steps.
final class AdditiveObjective: Objective, @unchecked Sendable {
    let cells: TermCells
    let labels: [Double]
    /// `C·wᵢ`.
    let scaledWeights: [Double]
    let penalty: RoughnessPenalty
    let parameterCount: Int
    var sampleCount: Int { cells.rows }
    let gradientScale: Double
    var l1Weights: [Double]? { nil }

    private let uniformWeight: Double?
    /// The Hessian reads rows `i` with `i % hessianStride == 0`.
    let hessianStride: Int
    private let partitions: [Range<Int>]
    private let workspaces: [Workspace]

    private final class Workspace: @unchecked Sendable {
        var gradient: [Double]
        var hessian: [Double] = []
        var value = 0.0
        init(width: Int) { gradient = [Double](repeating: 0, count: width) }
    }

    private enum Pass { case value, gradient, hessian, hessianVector }

    init(cells: TermCells, labels: [Double], sampleWeights: [Double]? = nil, C: Double = 1, penalty: RoughnessPenalty,
                threads: Int? = nil) {
        precondition(labels.count == cells.rows, "labels has \(labels.count) entries for \(cells.rows) rows")
        precondition(sampleWeights.map { $0.count == cells.rows } ?? true, "sample weights has \(sampleWeights?.count ?? 0) entries for \(cells.rows) rows")
        self.cells = cells
        self.labels = labels
        self.scaledWeights = sampleWeights.map { $0.map { $0 * C } } ?? [Double](repeating: C, count: cells.rows)
        self.penalty = penalty
        self.parameterCount = cells.tableParameterCount + 1
        self.gradientScale = max(scaledWeights.reduce(0, +), .leastNormalMagnitude)
        let weights = scaledWeights
        self.uniformWeight = weights.allSatisfy { $0 == weights.first } ? weights.first : nil
        let n = cells.rows
        self.hessianStride = max(1, n / 131_072)
        let threadCount = threads ?? (n >= 32768 ? min(2, max(1, System.activeProcessorCount)) : 1)
        self.partitions = (0..<threadCount).map { t in (n * t / threadCount)..<(n * (t + 1) / threadCount) }
        let width = cells.tableParameterCount + 1
        self.workspaces = (0..<threadCount).map { _ in Workspace(width: width) }
    }

    func value(at theta: [Double]) -> Double {
        var unused: [Double] = [], unusedHessian: [Double] = []
        return evaluate(theta, .value, &unused, &unusedHessian, nil)
    }

    func valueAndGradient(at theta: [Double], gradient: inout [Double]) -> Double {
        var unusedHessian: [Double] = []
        return evaluate(theta, .gradient, &gradient, &unusedHessian, nil)
    }

    func valueGradientHessian(at theta: [Double], gradient: inout [Double], hessian: inout [Double]) -> Double {
        evaluate(theta, .hessian, &gradient, &hessian, nil)
    }

    func hessianVectorProduct(at theta: [Double], _ v: [Double], result: inout [Double]) {
        var unusedHessian: [Double] = []
        _ = evaluate(theta, .hessianVector, &result, &unusedHessian, v)
    }

    func stochasticGradient(at theta: [Double], rows: ArraySlice<Int>, gradient: inout [Double]) {
        let q = parameterCount, t = cells.termCount
        if gradient.count != q { gradient = [Double](repeating: 0, count: q) } else { for j in 0..<q { gradient[j] = 0 } }
        let scale = Double(sampleCount) / Double(max(rows.count, 1))
        for i in rows {
            var z = theta[q - 1]
            for k in 0..<t { z += theta[cells.offsets[k] + Int(cells.cells[i * t + k])] }
            let r = scale * scaledWeights[i] * (LogisticLoss.sigmoid(z) - labels[i])
            for k in 0..<t { gradient[cells.offsets[k] + Int(cells.cells[i * t + k])] += r }
            gradient[q - 1] += r
        }
        theta.withUnsafeBufferPointer { th in
            gradient.withUnsafeMutableBufferPointer { g in _ = penalty.value(th.baseAddress!, gradient: g.baseAddress!) }
        }
    }

    private func evaluate(_ theta: [Double], _ pass: Pass, _ gradient: inout [Double], _ hessian: inout [Double], _ direction: [Double]?) -> Double {
        precondition(theta.count == parameterCount, "θ has \(theta.count) entries, the objective \(parameterCount)")
        let q = parameterCount
        for workspace in workspaces {
            workspace.value = 0
            if pass != .value { for j in 0..<q { workspace.gradient[j] = 0 } }
            if pass == .hessian {
                if workspace.hessian.count != q * q { workspace.hessian = [Double](repeating: 0, count: q * q) } else {
                    workspace.hessian.withUnsafeMutableBufferPointer { h in h.update(repeating: 0) }
                }
            }
        }
        if partitions.count == 1 {
            process(partitions[0], workspaces[0], theta, pass, direction)
        } else {
            DispatchQueue.concurrentPerform(iterations: partitions.count) { t in
                self.process(self.partitions[t], self.workspaces[t], theta, pass, direction)
            }
        }
        var total = 0.0
        if pass != .value {
            if gradient.count != q { gradient = [Double](repeating: 0, count: q) } else { for j in 0..<q { gradient[j] = 0 } }
        }
        if pass == .hessian {
            if hessian.count != q * q { hessian = [Double](repeating: 0, count: q * q) } else {
                hessian.withUnsafeMutableBufferPointer { h in h.update(repeating: 0) }
            }
        }
        for workspace in workspaces {
            total += workspace.value
            if pass != .value { for j in 0..<q { gradient[j] += workspace.gradient[j] } }
            if pass == .hessian {
                workspace.hessian.withUnsafeBufferPointer { source in
                    hessian.withUnsafeMutableBufferPointer { h in
                        BLAS.axpy(q * q, 1, source.baseAddress!, h.baseAddress!)
                    }
                }
            }
        }
        theta.withUnsafeBufferPointer { th in
            switch pass {
            case .value:
                total += penalty.value(th.baseAddress!, gradient: nil)
            case .gradient:
                gradient.withUnsafeMutableBufferPointer { g in total += penalty.value(th.baseAddress!, gradient: g.baseAddress!) }
            case .hessianVector:
                direction!.withUnsafeBufferPointer { v in
                    gradient.withUnsafeMutableBufferPointer { g in penalty.multiply(v.baseAddress!, into: g.baseAddress!) }
                }
            case .hessian:
                gradient.withUnsafeMutableBufferPointer { g in total += penalty.value(th.baseAddress!, gradient: g.baseAddress!) }
                hessian.withUnsafeMutableBufferPointer { h in
                    // The rows filled the upper triangle; mirror it, then add the penalty.
                    for i in 0..<q { for j in 0..<i { h[i * q + j] = h[j * q + i] } }
                    penalty.addHessian(h.baseAddress!, q: q)
                }
            }
        }
        return total
    }

    /// One core's rows: gather the logit, then scatter the residual (and the Hessian weight).
    /// A documented hot loop (every row and term on every pass).
    private func process(_ range: Range<Int>, _ workspace: Workspace, _ theta: [Double], _ pass: Pass, _ direction: [Double]?) {
        let t = cells.termCount, q = parameterCount, stride = hessianStride
        var loss = LogisticLossSum(uniformWeight: uniformWeight)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(t, 1)) { index in
            cells.cells.withUnsafeBufferPointer { c in
                cells.offsets.withUnsafeBufferPointer { offsets in
                    theta.withUnsafeBufferPointer { th in
                        labels.withUnsafeBufferPointer { y in
                            scaledWeights.withUnsafeBufferPointer { w in
                                workspace.gradient.withUnsafeMutableBufferPointer { g in
                                    workspace.hessian.withUnsafeMutableBufferPointer { h in
                                        let intercept = th[q - 1]
                                        for i in range {
                                            let row = c.baseAddress! + i * t
                                            var z = intercept
                                            for k in 0..<t {
                                                let j = offsets[k] + Int(row[k])
                                                index[k] = j
                                                z += th[j]
                                            }
                                            let yi = y[i], wi = w[i]
                                            switch pass {
                                            case .value:
                                                _ = loss.add(label: yi, linear: z, weight: wi)
                                            case .gradient:
                                                let e = loss.add(label: yi, linear: z, weight: wi)
                                                let r = wi * (LogisticLoss.sigmoid(z, expMinusAbs: e) - yi)
                                                for k in 0..<t { g[index[k]] += r }
                                                g[q - 1] += r
                                            case .hessian:
                                                let e = loss.add(label: yi, linear: z, weight: wi)
                                                let s = LogisticLoss.sigmoid(z, expMinusAbs: e)
                                                let r = wi * (s - yi)
                                                for k in 0..<t { g[index[k]] += r }
                                                g[q - 1] += r
                                                guard i % stride == 0 else { break }
                                                let d = wi * s * (1 - s) * Double(stride)
                                                // Upper triangle: offsets increase with the term, so index[a] < index[b] for a < b.
                                                for a in 0..<t {
                                                    let rowStart = h.baseAddress! + index[a] * q
                                                    for b in a..<t { rowStart[index[b]] += d }
                                                    rowStart[q - 1] += d
                                                }
                                                h[(q - 1) * q + (q - 1)] += d
                                            case .hessianVector:
                                                let v = direction!
                                                var u = v[q - 1]
                                                for k in 0..<t { u += v[index[k]] }
                                                let s = LogisticLoss.sigmoid(z)
                                                let product = wi * s * (1 - s) * u
                                                for k in 0..<t { g[index[k]] += product }
                                                g[q - 1] += product
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        workspace.value = pass == .hessianVector ? 0 : loss.total()
    }
}
