import Testing
@testable import ChurnKit

/// Newton's step Hessian (sampled rows on large data): close to the exact one, and the fit it
/// drives reaches the optimum the exact Newton and L-BFGS reach.
struct StepHessianTests {
    /// Large enough for a sampled Hessian (every other row), weighted, correlated columns.
    static let sample = 10_000
    static let data = TrainingFixtures.problem(rows: 2 * sample + 2_000, features: 12, seed: 5)

    func objective(_ data: (x: DenseMatrix, y: [Double], w: [Double])) -> LogisticObjective {
        LogisticObjective(features: data.x, labels: data.y, sampleWeights: data.w, C: 0.5, stepHessianRows: Self.sample)
    }

    @Test func stepHessianEstimatesTheHessian() {
        let objective = objective(Self.data)
        let q = objective.parameterCount
        let theta = (0..<q).map { 0.05 * Double($0 % 5) - 0.1 }
        var g1: [Double] = [], h1: [Double] = [], g2: [Double] = [], h2: [Double] = []
        let exact = objective.valueGradientHessian(at: theta, gradient: &g1, hessian: &h1)
        let step = objective.valueGradientStepHessian(at: theta, gradient: &g2, hessian: &h2)
        #expect(exact == step)
        #expect(g1 == g2, "the gradient stays float64")
        var largest = 0.0
        for v in h1 { largest = max(largest, abs(v)) }
        var different = false
        for k in 0..<(q * q) {
            #expect(isClose(h2[k], h1[k], absolute: 0.05 * largest), "entry \(k): \(h2[k]) vs \(h1[k])")
            if h2[k] != h1[k] { different = true }
        }
        #expect(different, "the step Hessian is a sample's above the threshold")
        for i in 0..<q { for j in 0..<q { #expect(h2[i * q + j] == h2[j * q + i]) } }
    }

    /// The step Hessian is exactly k·Σ over every k-th row (global index) of `wσ(1−σ)·[x, 1][x, 1]ᵀ`
    /// plus the L2 diagonal, summed in single precision: it matches that sum formed here in double
    /// to float rounding (1e-5 of the largest entry), on one core and on two (whose row ranges
    /// split the sample and its ssyrk batches differently), and repeats bit for bit.
    @Test(arguments: [1, 2])
    func stepHessianIsTheSampledGramMatrixInSinglePrecision(threads: Int) {
        let data = Self.data
        let objective = LogisticObjective(features: data.x, labels: data.y, sampleWeights: data.w, C: 0.5, threads: threads,
                                          stepHessianRows: Self.sample)
        let n = data.x.rows, p = data.x.columns, q = objective.parameterCount
        let stride = n / Self.sample
        #expect(stride == 2)
        let theta = (0..<q).map { 0.04 * Double($0 % 6) - 0.1 }
        var reference = [Double](repeating: 0, count: q * q)
        for i in Swift.stride(from: 0, to: n, by: stride) {
            var z = theta[p]
            for j in 0..<p { z += data.x[i, j] * theta[j] }
            let s = LogisticLoss.sigmoid(z)
            let d = Double(stride) * 0.5 * data.w[i] * s * (1 - s)
            let row = (0..<p).map { data.x[i, $0] } + [1]
            for a in 0..<q { for b in 0..<q { reference[a * q + b] += d * row[a] * row[b] } }
        }
        for j in 0..<p { reference[j * q + j] += 1 }
        var g: [Double] = [], h: [Double] = [], g2: [Double] = [], h2: [Double] = []
        _ = objective.valueGradientStepHessian(at: theta, gradient: &g, hessian: &h)
        _ = objective.valueGradientStepHessian(at: theta, gradient: &g2, hessian: &h2)
        #expect(h == h2, "deterministic for a thread count")
        let largest = reference.map(abs).max()!
        var roundedDifferently = false
        for k in 0..<(q * q) {
            #expect(isClose(h[k], reference[k], absolute: 1e-5 * largest), "entry \(k): \(h[k]) vs \(reference[k])")
            if abs(h[k] - reference[k]) > 1e-12 * largest { roundedDifferently = true }
        }
        #expect(roundedDifferently, "summed in single precision, not double")
    }

    /// Newton driven by the single-precision sampled Hessian and Newton driven by the exact
    /// double one reach the same coefficients to the solver's tolerance: only the path differs.
    @Test func singlePrecisionStepHessianFitsWhatTheDoubleHessianFits() {
        let data = Self.data
        let sampled = LogisticObjective(features: data.x, labels: data.y, sampleWeights: data.w, C: 0.5, stepHessianRows: Self.sample)
        let exact = LogisticObjective(features: data.x, labels: data.y, sampleWeights: data.w, C: 0.5, stepHessianRows: data.x.rows)
        let start = [Double](repeating: 0, count: sampled.parameterCount)
        let settings = SolverSettings(tolerance: 1e-8)
        let a = Solver.newton.trainer.minimize(sampled, from: start, settings: settings)
        let b = Solver.newton.trainer.minimize(exact, from: start, settings: settings)
        #expect(a.converged, "\(a.message)")
        #expect(b.converged, "\(b.message)")
        #expect(a.parameters != b.parameters, "different paths")
        // Each end has ‖g‖₂ ≤ √q·tol·C·Σw, so lies within ‖g‖₂/λ_min of the optimum (λ_min: the
        // Hessian's smallest eigenvalue there); the two ends within twice that (and a margin of 2).
        var g: [Double] = [], h: [Double] = []
        _ = exact.valueGradientHessian(at: b.parameters, gradient: &g, hessian: &h)
        let smallest = BLAS.symmetricEigenvalues(n: start.count, h)!.first!
        let bound = 4 * Double(start.count).squareRoot() * 1e-8 * sampled.gradientScale / smallest
        #expect(bound < 1e-5, "a bound that can fail: \(bound)")
        for j in 0..<start.count { #expect(abs(a.parameters[j] - b.parameters[j]) <= bound, "θ[\(j)]: \(a.parameters[j]) vs \(b.parameters[j])") }
        #expect(isClose(a.objective, b.objective, absolute: 0, relative: 1e-12))
    }

    @Test func smallDataUsesTheExactHessian() {
        let objective = objective(TrainingFixtures.problem(rows: 2 * Self.sample - 1, features: 3, seed: 2))
        let theta = [0.1, -0.2, 0.3, 0.05]
        var g1: [Double] = [], h1: [Double] = [], g2: [Double] = [], h2: [Double] = []
        _ = objective.valueGradientHessian(at: theta, gradient: &g1, hessian: &h1)
        _ = objective.valueGradientStepHessian(at: theta, gradient: &g2, hessian: &h2)
        #expect(h1 == h2)
    }

    @Test func newtonWithTheStepHessianReachesTheSameOptimum() {
        let objective = objective(Self.data)
        let start = [Double](repeating: 0, count: objective.parameterCount)
        let newton = Solver.newton.trainer.minimize(objective, from: start, settings: SolverSettings(tolerance: 1e-10))
        let lbfgs = Solver.lbfgs.trainer.minimize(objective, from: start, settings: SolverSettings(maxIterations: 5000, tolerance: 1e-10))
        #expect(newton.converged, "\(newton.message)")
        #expect(lbfgs.converged, "\(lbfgs.message)")
        #expect(newton.iterations <= 10, "\(newton.iterations) iterations")
        #expect(isClose(newton.objective, lbfgs.objective, absolute: 0, relative: 1e-12))
        for j in 0..<start.count { #expect(isClose(newton.parameters[j], lbfgs.parameters[j], absolute: 1e-6), "θ[\(j)]") }
    }

    /// Nearly collinear columns and almost no penalty: a sampled Hessian is a poor guide there,
    /// and the trainer must still reach the exact-Newton optimum (falling back when it must).
    @Test func badlyConditionedDataStillReachesTheOptimum() {
        let base = TrainingFixtures.problem(rows: 2 * Self.sample + 2_000, features: 3, seed: 9)
        var values: [Double] = []
        var generator = SeededGenerator(seed: 4)
        for i in 0..<base.x.rows {
            let a = base.x[i, 0]
            let noise = (Double(generator.next() >> 11) / Double(1 << 53) - 0.5) * 1e-4
            values += [a, a + noise, base.x[i, 1], base.x[i, 2]]
        }
        let x = DenseMatrix(rows: base.x.rows, columns: 4, values: values)
        let sampled = LogisticObjective(features: x, labels: base.y, sampleWeights: base.w, C: 1e4, stepHessianRows: 500)
        let exact = LogisticObjective(features: x, labels: base.y, sampleWeights: base.w, C: 1e4, stepHessianRows: x.rows)
        let start = [Double](repeating: 0, count: 5)
        let settings = SolverSettings(maxIterations: 200, tolerance: 1e-9)
        let a = Solver.newton.trainer.minimize(sampled, from: start, settings: settings)
        let b = Solver.newton.trainer.minimize(exact, from: start, settings: settings)
        #expect(a.converged, "\(a.message)")
        #expect(b.converged, "\(b.message)")
        #expect(isClose(a.objective, b.objective, absolute: 0, relative: 1e-10))
    }
}
