/// The buffers one core reuses for every block of rows it processes in ``LogisticObjective``:
/// allocated once per objective, so an evaluation allocates nothing.
final class ObjectiveWorkspace: @unchecked Sendable {
    /// `z = X_b·β` of the current block (`blockRows`).
    let linear: UnsafeMutablePointer<Double>
    /// Residuals, or `D·X_b·v` for a Hessian-vector product (`blockRows`).
    let residual: UnsafeMutablePointer<Double>
    /// The rows scaled by `√(wσ(1−σ))`, with a column of roots for the intercept (`blockRows × width`).
    let scaled: UnsafeMutablePointer<Double>
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
        gradient = .allocate(capacity: width)
        hessian = .allocate(capacity: width * width)
        linear.initialize(repeating: 0, count: blockRows)
        residual.initialize(repeating: 0, count: blockRows)
        scaled.initialize(repeating: 0, count: blockRows * width)
        gradient.initialize(repeating: 0, count: width)
        hessian.initialize(repeating: 0, count: width * width)
    }

    /// Zeroes the sums before an evaluation.
    func reset(hessian withHessian: Bool) {
        value = 0
        gradient.update(repeating: 0, count: width)
        if withHessian { hessian.update(repeating: 0, count: width * width) }
    }

    deinit {
        for buffer in [linear, residual, scaled, gradient, hessian] { buffer.deallocate() }
    }
}
