/// A dense matrix of `Double`s, row-major: element (i, j) is `values[i * columns + j]`.
///
/// Row-major because one customer is one row: a block of consecutive rows is contiguous, which is
/// what the one-pass objective streams through the cache.
///
/// Public because it is how a caller hands ChurnKit a design matrix of its own (one row per
/// customer, one column per model input) and gets one back (`ModelInput.designMatrix`); the
/// BLAS calls that work on it stay `package`.
public struct DenseMatrix: Sendable, Equatable {
    /// The number of rows (customers).
    public let rows: Int
    /// The number of columns (model inputs).
    public let columns: Int
    /// The elements, row after row: `rows × columns` of them.
    public var values: [Double]

    /// A matrix over `values` stored row after row; `values.count` must be `rows × columns`.
    @inlinable
    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "matrix storage has \(values.count) values, expected \(rows) × \(columns) = \(rows * columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A `rows × columns` matrix with every element `value`.
    @inlinable
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, values: [Double](repeating: value, count: rows * columns))
    }

    /// The element in `row` and `column`.
    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// The identity matrix of size `n`.
    public static func identity(_ n: Int) -> DenseMatrix {
        var m = DenseMatrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    /// `self · other`.
    public func multiplied(by other: DenseMatrix) -> DenseMatrix {
        precondition(columns == other.rows, "cannot multiply \(rows)×\(columns) by \(other.rows)×\(other.columns)")
        var result = DenseMatrix(rows: rows, columns: other.columns)
        for i in 0..<rows {
            for k in 0..<columns where self[i, k] != 0 {
                let a = self[i, k]
                for j in 0..<other.columns { result.values[i * other.columns + j] += a * other[k, j] }
            }
        }
        return result
    }

    /// The transpose, `columns × rows`.
    public var transposed: DenseMatrix {
        var result = DenseMatrix(rows: columns, columns: rows)
        for i in 0..<rows { for j in 0..<columns { result[j, i] = self[i, j] } }
        return result
    }
}
