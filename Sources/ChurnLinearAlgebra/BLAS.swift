import COpenBLAS

/// Thin, typed wrappers over the CBLAS and LAPACK routines ChurnKit uses.
///
/// This folder is the only place that imports `COpenBLAS`; everything above it sees Swift
/// functions on pointers with row-major conventions. Shapes are checked by the callers' types.
package enum BLAS {
    /// `x · y` over `count` elements.
    @inline(__always)
    package static func dot(_ count: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        cblas_ddot(Int32(count), x, 1, y, 1)
    }

    /// `y ← alpha·A·x + beta·y` for a row-major `rows × columns` matrix `A` with leading dimension `lda`
    /// (`transposed` uses `Aᵀ`).
    @inline(__always)
    package static func gemv(transposed: Bool, rows: Int, columns: Int, alpha: Double, _ a: UnsafePointer<Double>, lda: Int,
                            _ x: UnsafePointer<Double>, beta: Double, _ y: UnsafeMutablePointer<Double>) {
        cblas_dgemv(CblasRowMajor, transposed ? CblasTrans : CblasNoTrans, Int32(rows), Int32(columns), alpha, a, Int32(lda), x, 1, beta, y, 1)
    }

    /// `C ← alpha·Aᵀ·A + beta·C` (upper triangle) for row-major `A` of `rows × columns`; `C` is
    /// `columns × columns`.
    @inline(__always)
    package static func syrkTransposed(rows: Int, columns: Int, alpha: Double, _ a: UnsafePointer<Double>, lda: Int,
                                      beta: Double, _ c: UnsafeMutablePointer<Double>, ldc: Int) {
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(columns), Int32(rows), alpha, a, Int32(lda), beta, c, Int32(ldc))
    }

    /// ``syrkTransposed(rows:columns:alpha:_:lda:beta:_:ldc:)`` in single precision (`ssyrk`): twice
    /// the lanes per vector, for sums whose precision only has to be a float's.
    @inline(__always)
    package static func syrkTransposed(rows: Int, columns: Int, alpha: Float, _ a: UnsafePointer<Float>, lda: Int,
                                      beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(columns), Int32(rows), alpha, a, Int32(lda), beta, c, Int32(ldc))
    }

    /// `y ← alpha·x + y`.
    @inline(__always)
    package static func axpy(_ count: Int, _ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        cblas_daxpy(Int32(count), alpha, x, 1, y, 1)
    }

    /// The number of threads OpenBLAS itself uses; ChurnKit parallelizes over row blocks and
    /// keeps OpenBLAS single-threaded inside each block so the two do not oversubscribe the cores.
    package static func setThreadCount(_ count: Int) { openblas_set_num_threads(Int32(count)) }

    /// Solves `A·X = B` for symmetric positive definite `A` (`n × n`, overwritten by its Cholesky
    /// factor) and `B` (`n × nrhs`, overwritten by `X`). Returns false when `A` is not positive
    /// definite. Both are symmetric/column-major-agnostic for a single right-hand side.
    package static func choleskySolve(n: Int, _ a: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>) -> Bool {
        var uplo = CChar(UInt8(ascii: "U")), order = Int32(n), one = Int32(1), lda = Int32(n), info = Int32(0)
        dposv_(&uplo, &order, &one, a, &lda, b, &lda, &info)
        return info == 0
    }

    /// Inverts a symmetric positive definite `n × n` matrix in place (full, symmetric result).
    /// Returns false when it is not positive definite.
    package static func invertSymmetricPositiveDefinite(n: Int, _ a: UnsafeMutablePointer<Double>) -> Bool {
        var uplo = CChar(UInt8(ascii: "U")), order = Int32(n), lda = Int32(n), info = Int32(0)
        dpotrf_(&uplo, &order, a, &lda, &info)
        guard info == 0 else { return false }
        dpotri_(&uplo, &order, a, &lda, &info)
        guard info == 0 else { return false }
        // LAPACK filled one triangle (column-major "U" = row-major lower); mirror it.
        for i in 0..<n { for j in 0..<i { a[j * n + i] = a[i * n + j] } }
        return true
    }

    /// Eigenvalues (ascending) of a symmetric `n × n` matrix; nil if LAPACK fails.
    package static func symmetricEigenvalues(n: Int, _ matrix: [Double]) -> [Double]? {
        symmetricEigen(n: n, matrix, vectors: false)?.values
    }

    /// Eigenvalues (ascending) and, when asked, eigenvectors of a symmetric `n × n` matrix:
    /// `vectors[k * n + i]` is component `i` of the eigenvector of `values[k]`.
    package static func symmetricEigen(n: Int, _ matrix: [Double], vectors: Bool) -> (values: [Double], vectors: [Double])? {
        var a = matrix
        var w = [Double](repeating: 0, count: n)
        var jobz = CChar(UInt8(ascii: vectors ? "V" : "N")), uplo = CChar(UInt8(ascii: "U")), order = Int32(n), lda = Int32(n), info = Int32(0)
        var lwork = Int32(max(1, 3 * n) + 64 * n)
        var work = [Double](repeating: 0, count: Int(lwork))
        dsyev_(&jobz, &uplo, &order, &a, &lda, &w, &work, &lwork, &info)
        // Column-major eigenvectors read row-major are one eigenvector per row.
        return info == 0 ? (w, vectors ? a : []) : nil
    }
}
