import Testing
import ChurnLinearAlgebra

/// Tells a broken OpenBLAS install apart from broken math: hand-computed values only.
struct BLASSmokeTests {
    @Test func ddot() {
        let x: [Double] = [1, 2, 3]
        let y: [Double] = [4, -5, 6]
        #expect(BLAS.dot(3, x, y) == 12)
    }

    @Test func dgemvRowMajorAndTransposed() {
        // A = [[1, 2, 3], [4, 5, 6]]
        let a: [Double] = [1, 2, 3, 4, 5, 6]
        var y = [Double](repeating: 1, count: 2)
        BLAS.gemv(transposed: false, rows: 2, columns: 3, alpha: 1, a, lda: 3, [1, 0, -1], beta: 2, &y)
        #expect(y == [-2 + 2, -2 + 2])
        var z = [Double](repeating: 0, count: 3)
        BLAS.gemv(transposed: true, rows: 2, columns: 3, alpha: 2, a, lda: 3, [1, 1], beta: 0, &z)
        #expect(z == [10, 14, 18])
    }

    @Test func syrkAndCholesky() {
        // X = [[1, 0], [1, 1], [1, 2]] → XᵀX = [[3, 3], [3, 5]]
        let x: [Double] = [1, 0, 1, 1, 1, 2]
        var c = [Double](repeating: 0, count: 4)
        BLAS.syrkTransposed(rows: 3, columns: 2, alpha: 1, x, lda: 2, beta: 0, &c, ldc: 2)
        #expect(c[0] == 3 && c[1] == 3 && c[3] == 5)
        // the same in single precision, accumulating onto C (beta 1)
        let xf: [Float] = [1, 0, 1, 1, 1, 2]
        var cf: [Float] = [1, 1, 0, 1]
        BLAS.syrkTransposed(rows: 3, columns: 2, alpha: 2, xf, lda: 2, beta: 1, &cf, ldc: 2)
        #expect(cf[0] == 7 && cf[1] == 7 && cf[2] == 0 && cf[3] == 11, "upper triangle only: \(cf)")
        var a: [Double] = [3, 3, 3, 5]
        var b: [Double] = [6, 8] // solution [1.666…, 0.6]… check by substitution instead
        #expect(BLAS.choleskySolve(n: 2, &a, &b))
        #expect(isClose(3 * b[0] + 3 * b[1], 6) && isClose(3 * b[0] + 5 * b[1], 8))
        var inverse: [Double] = [3, 3, 3, 5]
        #expect(BLAS.invertSymmetricPositiveDefinite(n: 2, &inverse))
        // inverse of [[3,3],[3,5]] = 1/6 · [[5,−3],[−3,3]]
        #expect(isClose(inverse[0], 5.0 / 6) && isClose(inverse[1], -0.5) && isClose(inverse[2], -0.5) && isClose(inverse[3], 0.5))
        var notDefinite: [Double] = [1, 2, 2, 1]
        var rhs: [Double] = [1, 1]
        #expect(!BLAS.choleskySolve(n: 2, &notDefinite, &rhs))
        #expect(BLAS.symmetricEigenvalues(n: 2, [1, 2, 2, 1])! == [-1, 3])
    }
}

/// Equal within `absolute + relative·max(|a|, |b|)` (the same rule as ChurnKitTests' helper).
private func isClose(_ a: Double, _ b: Double, absolute: Double = 1e-12, relative: Double = 1e-9) -> Bool {
    if a == b { return true }
    return abs(a - b) <= absolute + relative * max(abs(a), abs(b))
}
