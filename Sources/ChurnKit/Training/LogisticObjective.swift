import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// The penalized logistic-regression objective in scikit-learn's parameterization:
///
///     F(β, b) = C · Σᵢ wᵢ · [log(1 + e^{zᵢ}) − yᵢ·zᵢ]  +  ½·l2·‖β‖²  +  l1·‖β‖₁,   zᵢ = xᵢ·β + b
///
/// with `l2 = 1 − l1_ratio` and `l1 = l1_ratio` for scikit-learn's elastic net. θ = (β, b): the
/// intercept is stored last and never penalized. Spark's `regParam = λ`, `elasticNetParam = α`
/// minimize the *mean* loss plus `λ·(α‖β‖₁ + (1−α)/2·‖β‖²)`, which is this objective with
/// `C = 1 / (λ·Σwᵢ)` and `l1_ratio = α`.
///
/// Every evaluation is ONE pass over `X` (rows × features, row-major): per block of rows that fits
/// in cache, `z = X_b·β` (dgemv), the residuals, then `g += X_bᵀ·r` (dgemv, transposed) and, for
/// Newton, `H += (√D·X_b)ᵀ(√D·X_b)` (dsyrk on the scaled rows with a column of ones for the
/// intercept). The rows are split between the cores; each core has its own workspace allocated
/// once, so the loops allocate nothing.
public final class LogisticObjective: Objective, @unchecked Sendable {
    public let features: DenseMatrix
    public let labels: [Double]
    /// `C·wᵢ`: the sample weights with C folded in.
    public let scaledWeights: [Double]
    public let C: Double
    public let l2Strength: Double
    public let l1Strength: Double
    public let fitIntercept: Bool

    public let parameterCount: Int
    public var sampleCount: Int { features.rows }
    public let gradientScale: Double
    public var l1Weights: [Double]? {
        guard l1Strength > 0 else { return nil }
        var weights = [Double](repeating: l1Strength, count: parameterCount)
        if fitIntercept { weights[parameterCount - 1] = 0 }
        return weights
    }

    private let featureCount: Int
    /// `C·w` when every row has the same weight (no sample weights): the loss sums logarithms in blocks.
    private let uniformWeight: Double?
    private let blockRows: Int
    private let partitions: [Range<Int>]
    private let workspaces: [Workspace]
    private let stochasticWorkspace: Workspace

    /// Buffers one core reuses for every block it processes.
    private final class Workspace: @unchecked Sendable {
        var linear: [Double]
        var scaledRows: [Double]
        var gradient: [Double]
        var hessian: [Double]
        var direction: [Double]
        var value = 0.0
        var gatheredRows: [Double] = []
        var gatheredLabels: [Double] = []
        var gatheredWeights: [Double] = []

        init(blockRows: Int, width: Int) {
            linear = [Double](repeating: 0, count: blockRows)
            scaledRows = []
            gradient = [Double](repeating: 0, count: width)
            hessian = []
            direction = [Double](repeating: 0, count: blockRows)
        }
    }

    private enum Pass { case value, gradient, hessian, hessianVector }

    /// - Parameters:
    ///   - features: rows × features, row-major (standardize first; see ``Standardizer``).
    ///   - labels: 0 or 1 per row (1 = churned).
    ///   - sampleWeights: per-row weights (class weights already multiplied in); nil = all 1.
    ///   - threads: cores to use; default 2 for large data, 1 below 32,768 rows.
    public init(features: DenseMatrix, labels: [Double], sampleWeights: [Double]? = nil, C: Double = 1,
                l1Ratio: Double = 0, fitIntercept: Bool = true, threads: Int? = nil) {
        precondition(labels.count == features.rows, "labels has \(labels.count) entries for \(features.rows) rows")
        precondition(sampleWeights.map { $0.count == features.rows } ?? true, "sample weights has \(sampleWeights?.count ?? 0) entries for \(features.rows) rows")
        precondition(C > 0 && C.isFinite, "C must be positive and finite, got \(C)")
        precondition((0...1).contains(l1Ratio), "l1_ratio must be in [0, 1], got \(l1Ratio)")
        self.features = features
        self.labels = labels
        self.C = C
        self.scaledWeights = sampleWeights.map { $0.map { $0 * C } } ?? [Double](repeating: C, count: features.rows)
        self.l2Strength = 1 - l1Ratio
        self.l1Strength = l1Ratio
        self.fitIntercept = fitIntercept
        self.featureCount = features.columns
        self.parameterCount = features.columns + (fitIntercept ? 1 : 0)
        self.gradientScale = max(scaledWeights.reduce(0, +), .leastNormalMagnitude)
        let weights = scaledWeights
        self.uniformWeight = weights.allSatisfy { $0 == weights.first } ? weights.first : nil
        // About 256 KiB of X per block: comfortably inside L2 next to the scaled copy.
        self.blockRows = max(64, min(4096, 32768 / max(features.columns, 1)))
        let threadCount = threads ?? (features.rows >= 32768 ? min(2, max(1, System.activeProcessorCount)) : 1)
        let n = features.rows
        self.partitions = (0..<threadCount).map { t in (n * t / threadCount)..<(n * (t + 1) / threadCount) }
        let width = features.columns + (fitIntercept ? 1 : 0)
        self.workspaces = (0..<threadCount).map { _ in Workspace(blockRows: max(64, min(4096, 32768 / max(features.columns, 1))), width: width) }
        self.stochasticWorkspace = Workspace(blockRows: 1, width: width)
        BLAS.setThreadCount(1)
    }

    public func value(at theta: [Double]) -> Double {
        var unused: [Double] = []
        var unusedHessian: [Double] = []
        return evaluate(theta, pass: .value, gradient: &unused, hessian: &unusedHessian, direction: nil)
    }

    public func valueAndGradient(at theta: [Double], gradient: inout [Double]) -> Double {
        var unusedHessian: [Double] = []
        return evaluate(theta, pass: .gradient, gradient: &gradient, hessian: &unusedHessian, direction: nil)
    }

    public func valueGradientHessian(at theta: [Double], gradient: inout [Double], hessian: inout [Double]) -> Double {
        evaluate(theta, pass: .hessian, gradient: &gradient, hessian: &hessian, direction: nil)
    }

    public func hessianVectorProduct(at theta: [Double], _ v: [Double], result: inout [Double]) {
        var unusedHessian: [Double] = []
        _ = evaluate(theta, pass: .hessianVector, gradient: &result, hessian: &unusedHessian, direction: v)
    }

    private func evaluate(_ theta: [Double], pass: Pass, gradient: inout [Double], hessian: inout [Double], direction: [Double]?) -> Double {
        precondition(theta.count == parameterCount, "θ has \(theta.count) entries, the objective \(parameterCount)")
        let q = parameterCount, p = featureCount
        for workspace in workspaces {
            workspace.value = 0
            for j in 0..<q { workspace.gradient[j] = 0 }
            if pass == .hessian {
                if workspace.hessian.count != q * q { workspace.hessian = [Double](repeating: 0, count: q * q) }
                for k in 0..<(q * q) { workspace.hessian[k] = 0 }
                if workspace.scaledRows.count != blockRows * q { workspace.scaledRows = [Double](repeating: 0, count: blockRows * q) }
            }
        }
        features.values.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                scaledWeights.withUnsafeBufferPointer { w in
                    if partitions.count == 1 {
                        process(partitions[0], workspaces[0], x.baseAddress!, y.baseAddress!, w.baseAddress!, theta, pass, direction)
                    } else {
                        let data = SharedPointers(x: x.baseAddress!, y: y.baseAddress!, w: w.baseAddress!)
                        DispatchQueue.concurrentPerform(iterations: partitions.count) { t in
                            self.process(self.partitions[t], self.workspaces[t], data.x, data.y, data.w, theta, pass, direction)
                        }
                    }
                }
            }
        }
        var total = 0.0
        if pass != .value {
            if gradient.count != q { gradient = [Double](repeating: 0, count: q) } else { for j in 0..<q { gradient[j] = 0 } }
        }
        if pass == .hessian {
            if hessian.count != q * q { hessian = [Double](repeating: 0, count: q * q) } else { for k in 0..<(q * q) { hessian[k] = 0 } }
        }
        for workspace in workspaces {
            total += workspace.value
            if pass != .value { for j in 0..<q { gradient[j] += workspace.gradient[j] } }
            if pass == .hessian { for k in 0..<(q * q) { hessian[k] += workspace.hessian[k] } }
        }
        // The L2 term on β (never on the intercept).
        var squaredNorm = 0.0
        for j in 0..<p { squaredNorm += theta[j] * theta[j] }
        total += 0.5 * l2Strength * squaredNorm
        switch pass {
        case .value: break
        case .gradient: for j in 0..<p { gradient[j] += l2Strength * theta[j] }
        case .hessianVector: for j in 0..<p { gradient[j] += l2Strength * direction![j] }
        case .hessian:
            for j in 0..<p { gradient[j] += l2Strength * theta[j] }
            // dsyrk filled the upper triangle; mirror it and add the L2 diagonal.
            for i in 0..<q { for j in 0..<i { hessian[i * q + j] = hessian[j * q + i] } }
            for j in 0..<p { hessian[j * q + j] += l2Strength }
        }
        return total
    }

    /// One core's share: all blocks of `range`, accumulating into `workspace`.
    private func process(_ range: Range<Int>, _ workspace: Workspace, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>,
                         _ w: UnsafePointer<Double>, _ theta: [Double], _ pass: Pass, _ direction: [Double]?) {
        let p = featureCount, q = parameterCount
        let intercept = fitIntercept ? theta[p] : 0
        var loss = LogisticLossSum(uniformWeight: uniformWeight)
        var interceptGradient = 0.0
        theta.withUnsafeBufferPointer { beta in
            workspace.linear.withUnsafeMutableBufferPointer { z in
                workspace.direction.withUnsafeMutableBufferPointer { r in
                    workspace.gradient.withUnsafeMutableBufferPointer { g in
                        var start = range.lowerBound
                        while start < range.upperBound {
                            let rows = min(blockRows, range.upperBound - start)
                            let block = x + start * p
                            if p > 0 {
                                BLAS.gemv(transposed: false, rows: rows, columns: p, alpha: 1, block, lda: p, beta.baseAddress!, beta: 0, z.baseAddress!)
                            } else {
                                for i in 0..<rows { z[i] = 0 }
                            }
                            switch pass {
                            case .value:
                                for i in 0..<rows {
                                    _ = loss.add(label: y[start + i], linear: z[i] + intercept, weight: w[start + i])
                                }
                            case .gradient:
                                for i in 0..<rows {
                                    let zi = z[i] + intercept
                                    let yi = y[start + i], wi = w[start + i]
                                    let e = loss.add(label: yi, linear: zi, weight: wi)
                                    let residual = wi * (LogisticLoss.sigmoid(zi, expMinusAbs: e) - yi)
                                    r[i] = residual
                                    interceptGradient += residual
                                }
                                if p > 0 { BLAS.gemv(transposed: true, rows: rows, columns: p, alpha: 1, block, lda: p, r.baseAddress!, beta: 1, g.baseAddress!) }
                            case .hessian:
                                workspace.scaledRows.withUnsafeMutableBufferPointer { scaled in
                                    for i in 0..<rows {
                                        let zi = z[i] + intercept
                                        let yi = y[start + i], wi = w[start + i]
                                        let s = LogisticLoss.sigmoid(zi, expMinusAbs: loss.add(label: yi, linear: zi, weight: wi))
                                        let residual = wi * (s - yi)
                                        r[i] = residual
                                        interceptGradient += residual
                                        let root = (wi * s * (1 - s)).squareRoot()
                                        let row = block + i * p
                                        let out = scaled.baseAddress! + i * q
                                        for j in 0..<p { out[j] = root * row[j] }
                                        if q > p { out[p] = root }
                                    }
                                    if p > 0 { BLAS.gemv(transposed: true, rows: rows, columns: p, alpha: 1, block, lda: p, r.baseAddress!, beta: 1, g.baseAddress!) }
                                    workspace.hessian.withUnsafeMutableBufferPointer { h in
                                        BLAS.syrkTransposed(rows: rows, columns: q, alpha: 1, scaled.baseAddress!, lda: q, beta: 1, h.baseAddress!, ldc: q)
                                    }
                                }
                            case .hessianVector:
                                let v = direction!
                                let vIntercept = fitIntercept ? v[p] : 0
                                v.withUnsafeBufferPointer { vp in
                                    // u = X_b·v_β lands in r; D·u overwrites it.
                                    if p > 0 {
                                        BLAS.gemv(transposed: false, rows: rows, columns: p, alpha: 1, block, lda: p, vp.baseAddress!, beta: 0, r.baseAddress!)
                                    } else {
                                        for i in 0..<rows { r[i] = 0 }
                                    }
                                }
                                for i in 0..<rows {
                                    let s = LogisticLoss.sigmoid(z[i] + intercept)
                                    let product = w[start + i] * s * (1 - s) * (r[i] + vIntercept)
                                    r[i] = product
                                    interceptGradient += product
                                }
                                if p > 0 { BLAS.gemv(transposed: true, rows: rows, columns: p, alpha: 1, block, lda: p, r.baseAddress!, beta: 1, g.baseAddress!) }
                            }
                            start += rows
                        }
                    }
                }
            }
        }
        workspace.value = loss.total()
        if fitIntercept && pass != .value { workspace.gradient[p] += interceptGradient }
    }

    public func stochasticGradient(at theta: [Double], rows: ArraySlice<Int>, gradient: inout [Double]) {
        let p = featureCount, q = parameterCount
        let workspace = stochasticWorkspace
        let count = rows.count
        if workspace.gatheredRows.count < count * p { workspace.gatheredRows = [Double](repeating: 0, count: count * p) }
        if workspace.gatheredLabels.count < count {
            workspace.gatheredLabels = [Double](repeating: 0, count: count)
            workspace.gatheredWeights = [Double](repeating: 0, count: count)
        }
        if workspace.linear.count < count {
            workspace.linear = [Double](repeating: 0, count: count)
            workspace.direction = [Double](repeating: 0, count: count)
        }
        features.values.withUnsafeBufferPointer { x in
            for (k, i) in rows.enumerated() {
                for j in 0..<p { workspace.gatheredRows[k * p + j] = x[i * p + j] }
                workspace.gatheredLabels[k] = labels[i]
                workspace.gatheredWeights[k] = scaledWeights[i]
            }
        }
        for j in 0..<q { workspace.gradient[j] = 0 }
        workspace.gatheredRows.withUnsafeBufferPointer { x in
            workspace.gatheredLabels.withUnsafeBufferPointer { y in
                workspace.gatheredWeights.withUnsafeBufferPointer { w in
                    process(0..<count, workspace, x.baseAddress!, y.baseAddress!, w.baseAddress!, theta, .gradient, nil)
                }
            }
        }
        let scale = Double(sampleCount) / Double(max(count, 1))
        if gradient.count != q { gradient = [Double](repeating: 0, count: q) }
        for j in 0..<q { gradient[j] = scale * workspace.gradient[j] }
        for j in 0..<p { gradient[j] += l2Strength * theta[j] }
    }
}

/// Read-only data pointers handed to the worker threads; each thread writes only its workspace.
private struct SharedPointers: @unchecked Sendable {
    let x: UnsafePointer<Double>
    let y: UnsafePointer<Double>
    let w: UnsafePointer<Double>
}

/// Facts about the machine the objective splits work for.
enum System {
    static var activeProcessorCount: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}
