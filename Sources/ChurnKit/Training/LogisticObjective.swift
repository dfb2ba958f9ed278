import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
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
/// intercept; Newton's sampled step Hessian uses ssyrk). The rows are split between the cores; each core has its own workspace allocated
/// once, so the loops allocate nothing.
public final class LogisticObjective: Objective, @unchecked Sendable {
    /// Rows × columns, row-major; the intercept column is implicit.
    public let features: DenseMatrix
    /// 0/1 per row.
    public let labels: [Double]
    /// `C·wᵢ`: the sample weights with C folded in.
    public let scaledWeights: [Double]
    /// Inverse regularization strength, scikit-learn's `C`.
    public let C: Double
    /// The L2 weight `(1 − l1_ratio) / C` the objective adds.
    public let l2Strength: Double
    /// The L1 weight `l1_ratio / C` a solver handles outside the smooth part.
    public let l1Strength: Double
    /// Whether the last parameter is an unpenalized intercept.
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
    private let stepHessianRows: Int
    private let partitions: [Range<Int>]
    private let workspaces: [ObjectiveWorkspace]
    private let stochasticWorkspace: ObjectiveWorkspace
    private var gatheredRows: [Double] = []
    private var gatheredLabels: [Double] = []
    private var gatheredWeights: [Double] = []

    /// What one evaluation computes besides the value.
    private enum Pass: Equatable {
        case value, gradient, hessianVector
        /// Value, gradient and `XᵀDX` from every `stride`-th row, scaled by `stride` (1: every row;
        /// see ``valueGradientStepHessian(at:gradient:hessian:)``).
        case hessian(stride: Int)

        var needsHessian: Bool { if case .hessian = self { return true } else { return false } }
    }

    /// - Parameters:
    ///   - features: rows × features, row-major (standardize first; see ``Standardizer``).
    ///   - labels: 0 or 1 per row (1 = churned).
    ///   - sampleWeights: per-row weights (class weights already multiplied in); nil = all 1.
    ///   - C: inverse regularization strength, scikit-learn's `C` (the penalty is `1/C`).
    ///   - l1Ratio: share of the penalty that is L1 (elastic net); 0 = pure L2, handled smoothly.
    ///   - fitIntercept: whether the last parameter is an unpenalized intercept.
    ///   - threads: cores to use; default 2 for large data, 1 below 32,768 rows.
    ///   - stepHessianRows: about how many rows Newton's step Hessian is formed from on large data
    ///     (see ``valueGradientStepHessian(at:gradient:hessian:)``).
    public init(features: DenseMatrix, labels: [Double], sampleWeights: [Double]? = nil, C: Double = 1,
                l1Ratio: Double = 0, fitIntercept: Bool = true, threads: Int? = nil,
                stepHessianRows: Int = LogisticObjective.defaultStepHessianRows) {
        precondition(stepHessianRows > 0, "stepHessianRows must be positive, got \(stepHessianRows)")
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
        let blockRows = max(64, min(4096, 32768 / max(features.columns, 1)))
        self.blockRows = blockRows
        self.stepHessianRows = stepHessianRows
        let threadCount = threads ?? (features.rows >= 32768 ? min(2, max(1, System.activeProcessorCount)) : 1)
        let n = features.rows
        self.partitions = (0..<threadCount).map { t in (n * t / threadCount)..<(n * (t + 1) / threadCount) }
        let width = parameterCount
        self.workspaces = (0..<threadCount).map { _ in ObjectiveWorkspace(blockRows: blockRows, width: width) }
        self.stochasticWorkspace = ObjectiveWorkspace(blockRows: blockRows, width: width)
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
        evaluate(theta, pass: .hessian(stride: 1), gradient: &gradient, hessian: &hessian, direction: nil)
    }

    /// Value and gradient exactly, the Hessian from a systematic sample of the rows: every k-th
    /// row, k = ⌊n / `stepHessianRows`⌋ (default ``defaultStepHessianRows``), its `XᵀDX` scaled by k (subsampled Newton, as
    /// in Byrd, Chin, Neveitt and Nocedal 2011). On large data the `dsyrk` of the Hessian, not the
    /// read of X, was the cost of a Newton pass (compute-bound, 3–5× a gradient pass); a sample
    /// of 200,000 rows estimates `XᵀDX` to about a percent, which only bends the step direction
    /// (on 1M × 32, one Newton iteration more, at a third of the cost per iteration). The sample's
    /// `XᵀDX` is summed in single precision (`ssyrk` over batches of sampled rows, the batches added
    /// in double): its rounding, about 1e-6 relative, is far below the sample's own error. The
    /// gradient and the stopping test stay exact (double), so the optimum is the same; the
    /// trainer falls back to the exact Hessian if the steps stop converging fast.
    /// Below two samples' worth of rows it is the exact Hessian, so small fits keep their path.
    public func valueGradientStepHessian(at theta: [Double], gradient: inout [Double], hessian: inout [Double]) -> Double {
        let stride = max(1, sampleCount / stepHessianRows)
        return evaluate(theta, pass: .hessian(stride: stride), gradient: &gradient, hessian: &hessian, direction: nil)
    }

    /// About how many rows the step Hessian is formed from on large data.
    public static let defaultStepHessianRows = 200_000

    public func hessianVectorProduct(at theta: [Double], _ v: [Double], result: inout [Double]) {
        var unusedHessian: [Double] = []
        _ = evaluate(theta, pass: .hessianVector, gradient: &result, hessian: &unusedHessian, direction: v)
    }

    /// One evaluation: the data pass on every core, the cores' sums added, then the L2 term.
    private func evaluate(_ theta: [Double], pass: Pass, gradient: inout [Double], hessian: inout [Double], direction: [Double]?) -> Double {
        precondition(theta.count == parameterCount, "θ has \(theta.count) entries, the objective \(parameterCount)")
        precondition(direction.map { $0.count == parameterCount } ?? true, "the direction has \(direction?.count ?? 0) entries, the objective \(parameterCount)")
        runDataPass(theta, pass, direction)
        let total = sumOfWorkspaces(pass, gradient: &gradient, hessian: &hessian)
        return total + addL2Penalty(theta, pass, direction, gradient: &gradient, hessian: &hessian)
    }

    /// Every core processes its partition of the rows into its own workspace.
    private func runDataPass(_ theta: [Double], _ pass: Pass, _ direction: [Double]?) {
        for workspace in workspaces { workspace.reset(hessian: pass.needsHessian) }
        features.values.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                scaledWeights.withUnsafeBufferPointer { w in
                    let data = SharedPointers(x: x.baseAddress!, y: y.baseAddress!, w: w.baseAddress!)
                    if partitions.count == 1 {
                        process(partitions[0], workspaces[0], data, theta, pass, direction)
                    } else {
                        DispatchQueue.concurrentPerform(iterations: partitions.count) { t in
                            self.process(self.partitions[t], self.workspaces[t], data, theta, pass, direction)
                        }
                    }
                }
            }
        }
    }

    /// The loss over all rows; the cores' gradients (and Hessians) added into `gradient` (`hessian`).
    private func sumOfWorkspaces(_ pass: Pass, gradient: inout [Double], hessian: inout [Double]) -> Double {
        let q = parameterCount
        if pass != .value {
            if gradient.count != q { gradient = [Double](repeating: 0, count: q) } else { for j in 0..<q { gradient[j] = 0 } }
        }
        if pass.needsHessian {
            if hessian.count != q * q { hessian = [Double](repeating: 0, count: q * q) } else { for k in 0..<(q * q) { hessian[k] = 0 } }
        }
        var total = 0.0
        for workspace in workspaces {
            total += workspace.value
            if pass != .value { for j in 0..<q { gradient[j] += workspace.gradient[j] } }
            if pass.needsHessian { for k in 0..<(q * q) { hessian[k] += workspace.hessian[k] } }
        }
        return total
    }

    /// The L2 term on β (never on the intercept): returns `½·l2·‖β‖²` and adds its gradient,
    /// Hessian-vector product or Hessian diagonal; mirrors the Hessian's upper triangle (syrk).
    private func addL2Penalty(_ theta: [Double], _ pass: Pass, _ direction: [Double]?, gradient: inout [Double], hessian: inout [Double]) -> Double {
        let q = parameterCount, p = featureCount
        var squaredNorm = 0.0
        for j in 0..<p { squaredNorm += theta[j] * theta[j] }
        switch pass {
        case .value: break
        case .gradient: for j in 0..<p { gradient[j] += l2Strength * theta[j] }
        case .hessianVector: for j in 0..<p { gradient[j] += l2Strength * direction![j] }
        case .hessian:
            for j in 0..<p { gradient[j] += l2Strength * theta[j] }
            for i in 0..<q { for j in 0..<i { hessian[i * q + j] = hessian[j * q + i] } }
            for j in 0..<p { hessian[j * q + j] += l2Strength }
        }
        return 0.5 * l2Strength * squaredNorm
    }

    /// One core's share: every block of `range`, accumulated into `workspace`. This is the hot
    /// loop: per block one `z = X_b·β`, then the pass's own accumulation (one method per pass)
    /// while the block is in cache.
    private func process(_ range: Range<Int>, _ workspace: ObjectiveWorkspace, _ data: SharedPointers,
                         _ theta: [Double], _ pass: Pass, _ direction: [Double]?) {
        let p = featureCount
        var loss = LogisticLossSum(uniformWeight: uniformWeight)
        var interceptGradient = 0.0
        theta.withUnsafeBufferPointer { beta in
            let intercept = fitIntercept ? beta[p] : 0
            var start = range.lowerBound
            while start < range.upperBound {
                let block = RowBlock(x: data.x + start * p, y: data.y + start, w: data.w + start,
                                     rows: min(blockRows, range.upperBound - start), columns: p)
                linearPredictors(block, beta.baseAddress!, into: workspace.linear)
                switch pass {
                case .value:
                    accumulateLoss(block, intercept, workspace, &loss)
                case .gradient:
                    _ = accumulateGradient(block, intercept, workspace, &loss, &interceptGradient, hessianStride: 0, firstRow: start)
                case .hessian(let stride):
                    accumulateHessian(block, intercept, workspace, &loss, &interceptGradient, stride: stride, firstRow: start)
                case .hessianVector:
                    accumulateHessianVector(block, intercept, direction!, workspace, &interceptGradient)
                }
                start += block.rows
            }
        }
        if case .hessian(let stride) = pass, stride > 1 { workspace.flushSampledRows(scale: Double(stride)) }
        workspace.value = loss.total()
        if fitIntercept && pass != .value { workspace.gradient[p] += interceptGradient }
    }

    /// The value pass: the loss of the block's rows.
    @inline(__always)
    private func accumulateLoss(_ block: RowBlock, _ intercept: Double, _ workspace: ObjectiveWorkspace, _ loss: inout LogisticLossSum) {
        for i in 0..<block.rows { _ = loss.add(label: block.y[i], linear: workspace.linear[i] + intercept, weight: block.w[i]) }
    }

    /// The Hessian pass: the gradient pass, then, for the exact Hessian (`stride` 1),
    /// `H += S_bᵀS_b` (dsyrk) over the block's rows scaled by `√(wσ(1−σ))`. A sampled Hessian
    /// (every `stride`-th row; see ``valueGradientStepHessian(at:gradient:hessian:)``) gathers its
    /// rows in single precision across blocks instead, one `ssyrk` per `blockRows` of them.
    @inline(__always)
    private func accumulateHessian(_ block: RowBlock, _ intercept: Double, _ workspace: ObjectiveWorkspace,
                                   _ loss: inout LogisticLossSum, _ interceptGradient: inout Double, stride: Int, firstRow: Int) {
        let sampled = accumulateGradient(block, intercept, workspace, &loss, &interceptGradient, hessianStride: stride, firstRow: firstRow)
        guard stride == 1 && sampled > 0 else { return }
        let q = parameterCount
        BLAS.syrkTransposed(rows: sampled, columns: q, alpha: 1, workspace.scaled, lda: q, beta: 1, workspace.hessian, ldc: q)
    }

    /// `z = X_b·β` (without the intercept).
    @inline(__always)
    private func linearPredictors(_ block: RowBlock, _ beta: UnsafePointer<Double>, into z: UnsafeMutablePointer<Double>) {
        if block.columns > 0 {
            BLAS.gemv(transposed: false, rows: block.rows, columns: block.columns, alpha: 1, block.x, lda: block.columns, beta, beta: 0, z)
        } else {
            z.update(repeating: 0, count: block.rows)
        }
    }

    /// Loss, residuals `rᵢ = wᵢ(σ(zᵢ) − yᵢ)` and `g += X_bᵀ·r`. With a `hessianStride` k > 0, also
    /// writes the rows `√(wᵢσᵢ(1−σᵢ))·[xᵢ, 1]` of the rows whose index (from `firstRow`) is a
    /// multiple of k, one after the other, into the workspace: their Gram matrix is the block's
    /// (sampled) Hessian. k = 1 writes every row to `scaled` (double); k > 1 appends the sampled
    /// rows to the workspace's single-precision sample. Returns how many rows were written.
    @inline(__always)
    private func accumulateGradient(_ block: RowBlock, _ intercept: Double, _ workspace: ObjectiveWorkspace,
                                    _ loss: inout LogisticLossSum, _ interceptGradient: inout Double,
                                    hessianStride: Int, firstRow: Int) -> Int {
        let p = block.columns, q = parameterCount
        let z = workspace.linear, r = workspace.residual
        var sampled = 0
        // Rows until the next sampled one (never 0 without a Hessian: no row is sampled).
        var untilSampled = hessianStride > 0 ? (hessianStride - firstRow % hessianStride) % hessianStride : -1
        for i in 0..<block.rows {
            let zi = z[i] + intercept
            let yi = block.y[i], wi = block.w[i]
            let s = LogisticLoss.sigmoid(zi, expMinusAbs: loss.add(label: yi, linear: zi, weight: wi))
            let residual = wi * (s - yi)
            r[i] = residual
            interceptGradient += residual
            if untilSampled == 0 {
                let root = (wi * s * (1 - s)).squareRoot()
                let row = block.x + i * p
                if hessianStride == 1 {
                    let out = workspace.scaled + sampled * q
                    for j in 0..<p { out[j] = root * row[j] }
                    if q > p { out[p] = root }
                } else {
                    workspace.appendSampledRow(row, columns: p, root: root, scale: Double(hessianStride))
                }
                sampled += 1
                untilSampled = hessianStride
            }
            untilSampled -= 1
        }
        if p > 0 { BLAS.gemv(transposed: true, rows: block.rows, columns: p, alpha: 1, block.x, lda: p, r, beta: 1, workspace.gradient) }
        return sampled
    }

    /// `g += X_bᵀ·D·(X_b·v_β + v_b)`: the Hessian-vector product without forming the Hessian.
    @inline(__always)
    private func accumulateHessianVector(_ block: RowBlock, _ intercept: Double, _ v: [Double],
                                         _ workspace: ObjectiveWorkspace, _ interceptGradient: inout Double) {
        let p = block.columns
        let vIntercept = fitIntercept ? v[p] : 0
        let z = workspace.linear, r = workspace.residual
        v.withUnsafeBufferPointer { vp in
            // u = X_b·v_β lands in r; D·u overwrites it.
            linearPredictors(block, vp.baseAddress!, into: r)
        }
        for i in 0..<block.rows {
            let s = LogisticLoss.sigmoid(z[i] + intercept)
            let product = block.w[i] * s * (1 - s) * (r[i] + vIntercept)
            r[i] = product
            interceptGradient += product
        }
        if p > 0 { BLAS.gemv(transposed: true, rows: block.rows, columns: p, alpha: 1, block.x, lda: p, r, beta: 1, workspace.gradient) }
    }

    public func stochasticGradient(at theta: [Double], rows: ArraySlice<Int>, gradient: inout [Double]) {
        let p = featureCount, q = parameterCount
        let count = rows.count
        if gatheredRows.count < count * p { gatheredRows = [Double](repeating: 0, count: count * p) }
        if gatheredLabels.count < count {
            gatheredLabels = [Double](repeating: 0, count: count)
            gatheredWeights = [Double](repeating: 0, count: count)
        }
        features.values.withUnsafeBufferPointer { x in
            for (k, i) in rows.enumerated() {
                for j in 0..<p { gatheredRows[k * p + j] = x[i * p + j] }
                gatheredLabels[k] = labels[i]
                gatheredWeights[k] = scaledWeights[i]
            }
        }
        let workspace = stochasticWorkspace
        workspace.reset(hessian: false)
        gatheredRows.withUnsafeBufferPointer { x in
            gatheredLabels.withUnsafeBufferPointer { y in
                gatheredWeights.withUnsafeBufferPointer { w in
                    let data = SharedPointers(x: x.baseAddress!, y: y.baseAddress!, w: w.baseAddress!)
                    process(0..<count, workspace, data, theta, .gradient, nil)
                }
            }
        }
        let scale = Double(sampleCount) / Double(max(count, 1))
        if gradient.count != q { gradient = [Double](repeating: 0, count: q) }
        for j in 0..<q { gradient[j] = scale * workspace.gradient[j] }
        for j in 0..<p { gradient[j] += l2Strength * theta[j] }
    }
}
