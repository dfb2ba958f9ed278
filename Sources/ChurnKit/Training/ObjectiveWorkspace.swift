/// The buffers one core reuses for every block of rows it processes in ``LogisticObjective``:
/// allocated once per objective, so an evaluation allocates nothing.
final class ObjectiveWorkspace: @unchecked Sendable {
    /// `z = X_b·β` of the current block (`blockRows`).
    let linear: UnsafeMutablePointer<Double>
    /// Residuals, or `D·X_b·v` for a Hessian-vector product (`blockRows`).
    let residual: UnsafeMutablePointer<Double>
    /// The rows scaled by `√(wσ(1−σ))`, with a column of roots for the intercept (`blockRows × width`).
    let scaled: UnsafeMutablePointer<Double>
    /// The sampled rows of a step Hessian, scaled as in `scaled` but in single precision and
    /// gathered across blocks until `blockRows` of them make one `ssyrk` (`blockRows × width`).
    let sampledRows: UnsafeMutablePointer<Float>
    /// How many rows `sampledRows` holds.
    private(set) var sampledCount = 0
    /// The Gram matrix of one batch of `sampledRows` (`width × width`, upper triangle), before it
    /// is added into `hessian` in double precision.
    let sampledGram: UnsafeMutablePointer<Float>
    /// This core's sums over its rows: gradient (`width`) and Hessian (`width × width`, upper triangle).
    let gradient: UnsafeMutablePointer<Double>
    let hessian: UnsafeMutablePointer<Double>
    var value = 0.0

    private let blockRows: Int
    private let width: Int

    init(blockRows: Int, width: Int) {
        self.blockRows = blockRows
        self.width = width
        linear = .allocate(capacity: blockRows)
        residual = .allocate(capacity: blockRows)
        scaled = .allocate(capacity: blockRows * width)
        sampledRows = .allocate(capacity: blockRows * width)
        sampledGram = .allocate(capacity: width * width)
        gradient = .allocate(capacity: width)
        hessian = .allocate(capacity: width * width)
        linear.initialize(repeating: 0, count: blockRows)
        residual.initialize(repeating: 0, count: blockRows)
        scaled.initialize(repeating: 0, count: blockRows * width)
        sampledRows.initialize(repeating: 0, count: blockRows * width)
        sampledGram.initialize(repeating: 0, count: width * width)
        gradient.initialize(repeating: 0, count: width)
        hessian.initialize(repeating: 0, count: width * width)
    }

    /// Zeroes the sums before an evaluation.
    func reset(hessian withHessian: Bool) {
        value = 0
        sampledCount = 0
        gradient.update(repeating: 0, count: width)
        if withHessian { hessian.update(repeating: 0, count: width * width) }
    }

    /// Appends `root·[row, 1]` (the 1 only when `width` has a column for the intercept) to the
    /// single-precision sample; a full batch is added into `hessian`, times `scale`.
    @inline(__always)
    func appendSampledRow(_ row: UnsafePointer<Double>, columns: Int, root: Double, scale: Double) {
        let out = sampledRows + sampledCount * width
        for j in 0..<columns { out[j] = Float(root * row[j]) }
        if width > columns { out[columns] = Float(root) }
        sampledCount += 1
        if sampledCount == blockRows { flushSampledRows(scale: scale) }
    }

    /// `hessian += scale·SᵀS` for the gathered rows `S` (`ssyrk`; the float sums of at most
    /// `blockRows` products are added in double precision), and empties the sample.
    func flushSampledRows(scale: Double) {
        guard sampledCount > 0 else { return }
        BLAS.syrkTransposed(rows: sampledCount, columns: width, alpha: 1, sampledRows, lda: width, beta: 0, sampledGram, ldc: width)
        for i in 0..<width {
            for j in i..<width { hessian[i * width + j] += scale * Double(sampledGram[i * width + j]) }
        }
        sampledCount = 0
    }

    deinit {
        for buffer in [linear, residual, scaled, gradient, hessian] { buffer.deallocate() }
        sampledRows.deallocate()
        sampledGram.deallocate()
    }
}
