/// The one scoring kernel every model kind shares: `logit = intercept + Σₖ contributionₖ(row)`.
///
/// A kind only says what its k-th contribution of a row is: a linear model's input share
/// `β̃ⱼ·(xⱼ − meanⱼ)/stdⱼ` (``LinearPredictor``), an additive model's table entry for the row's
/// cell (``AdditiveModel``). The sum, the contributions, and the row and matrix paths are written
/// once, here, so fitting, the model file, the scorer and the exporters cannot disagree: the logit
/// is always the intercept plus the contributions added in term order, and the matrix path is the
/// row path applied to each row, so both agree to the bit.
///
/// A row is the model's inputs of one customer after their transforms (``FeatureTransform``), in
/// the model's input order.
public protocol ScoringKernel: Sendable {
    /// The logit of a row whose contributions are all zero.
    var intercept: Double { get }
    /// Contributions per row: one per input (linear model) or per term (additive model).
    var termCount: Int { get }
    /// The k-th contribution of `row` (k < ``termCount``).
    func contribution(_ k: Int, _ row: UnsafePointer<Double>) -> Double
}

extension ScoringKernel {
    /// Writes the contributions of one row into `out` (``termCount`` entries) and returns the
    /// logit. Allocates nothing: this is the scorer's per-row loop.
    @inline(__always)
    public func contributions(_ row: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) -> Double {
        var z = intercept
        for k in 0..<termCount {
            let c = contribution(k, row)
            out[k] = c
            z += c
        }
        return z
    }

    /// The logit of one row: the same number ``contributions(_:into:)`` returns.
    @inline(__always)
    public func logit(_ row: UnsafePointer<Double>) -> Double {
        var z = intercept
        for k in 0..<termCount { z += contribution(k, row) }
        return z
    }

    /// The logit of one row given as an array.
    public func logit(_ row: [Double]) -> Double {
        row.withUnsafeBufferPointer { logit($0.baseAddress!) }
    }

    /// Rows × terms contributions of a design matrix (rows × inputs, row-major, inputs transformed).
    public func contributions(_ design: DenseMatrix) -> DenseMatrix {
        var out = DenseMatrix(rows: design.rows, columns: termCount)
        let t = termCount
        design.values.withUnsafeBufferPointer { x in
            out.values.withUnsafeMutableBufferPointer { c in
                guard let rows = x.baseAddress, let contributions = c.baseAddress else { return }
                for i in 0..<design.rows { _ = self.contributions(rows + i * design.columns, into: contributions + i * t) }
            }
        }
        return out
    }

    /// The logit of every row of a design matrix (rows × inputs, row-major, inputs transformed).
    public func logits(_ design: DenseMatrix) -> [Double] {
        var z = [Double](repeating: 0, count: design.rows)
        design.values.withUnsafeBufferPointer { x in
            z.withUnsafeMutableBufferPointer { out in
                guard let rows = x.baseAddress else {
                    // No inputs: every logit is the intercept.
                    for i in 0..<design.rows { out[i] = intercept }
                    return
                }
                for i in 0..<design.rows { out[i] = logit(rows + i * design.columns) }
            }
        }
        return z
    }
}
