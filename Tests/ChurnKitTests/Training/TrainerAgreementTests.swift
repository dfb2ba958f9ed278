import Testing
@testable import ChurnKit

/// Every trainer reaches the Newton optimum on the same data.
struct TrainerAgreementTests {
    static let data = TrainingFixtures.problem(rows: 2000, features: 5, seed: 11)

    func minimize(_ solver: Solver, l1Ratio: Double = 0, C: Double = 0.5, settings: SolverSettings) -> (OptimizationResult, LogisticObjective) {
        let standardizer = Standardizer.fit(Self.data.x)
        let objective = LogisticObjective(features: standardizer.transform(Self.data.x), labels: Self.data.y,
                                          sampleWeights: Self.data.w, C: C, l1Ratio: l1Ratio)
        let result = solver.trainer.minimize(objective, from: [Double](repeating: 0, count: objective.parameterCount), settings: settings)
        return (result, objective)
    }

    @Test func smoothSolversAgreeWithNewton() {
        let newton = minimize(.newton, settings: SolverSettings(tolerance: 1e-12)).0
        #expect(newton.converged)
        #expect(newton.iterations < 15)
        for solver in [Solver.lbfgs, .gd] {
            let result = minimize(solver, settings: SolverSettings(maxIterations: 20000, tolerance: 1e-11)).0
            #expect(result.converged, "\(solver) \(result.message)")
            #expect(isClose(result.objective, newton.objective, absolute: 0, relative: 1e-9), "\(solver): \(result.objective) vs \(newton.objective)")
            for j in 0..<newton.parameters.count { #expect(isClose(result.parameters[j], newton.parameters[j], absolute: 1e-5)) }
        }
        let sgd = minimize(.sgd, settings: SolverSettings(maxIterations: 200, tolerance: 1e-10, seed: 3)).0
        #expect(isClose(sgd.objective, newton.objective, absolute: 0, relative: 1e-6), "sgd: \(sgd.objective) vs \(newton.objective), \(sgd.message)")
    }

    @Test func sgdIsReproducibleForASeed() {
        let a = minimize(.sgd, settings: SolverSettings(maxIterations: 5, seed: 42)).0
        let b = minimize(.sgd, settings: SolverSettings(maxIterations: 5, seed: 42)).0
        let c = minimize(.sgd, settings: SolverSettings(maxIterations: 5, seed: 43)).0
        #expect(a.parameters == b.parameters)
        #expect(a.parameters != c.parameters)
    }

    /// L1 solutions have exact zeros, and the three L1-capable solvers agree.
    @Test func l1SolversAgreeAndZeroOut() {
        let C = 0.008
        let owlqn = minimize(.owlqn, l1Ratio: 1, C: C, settings: SolverSettings(maxIterations: 5000, tolerance: 1e-12)).0
        #expect(owlqn.converged, "\(owlqn.message)")
        #expect(owlqn.parameters.dropLast().contains(0.0), "some coefficient should be exactly zero: \(owlqn.parameters)")
        let gd = minimize(.gd, l1Ratio: 1, C: C, settings: SolverSettings(maxIterations: 50000, tolerance: 1e-11)).0
        #expect(gd.converged, "\(gd.message)")
        #expect(isClose(gd.objective, owlqn.objective, absolute: 0, relative: 1e-9))
        for j in 0..<owlqn.parameters.count where owlqn.parameters[j] == 0 && j < owlqn.parameters.count - 1 {
            #expect(gd.parameters[j] == 0)
        }
        let lbfgs = minimize(.lbfgs, l1Ratio: 0.5, C: C, settings: SolverSettings(tolerance: 1e-12)).0
        #expect(lbfgs.solver == .owlqn) // L-BFGS with L1 is OWL-QN, as in Spark
    }

    @Test func fixedLearningRateGradientDescent() {
        let newton = minimize(.newton, settings: SolverSettings(tolerance: 1e-12)).0
        let fixed = minimize(.gd, settings: SolverSettings(maxIterations: 50000, tolerance: 1e-10, learningRate: 0.5)).0
        #expect(fixed.converged, "\(fixed.message)")
        #expect(isClose(fixed.objective, newton.objective, absolute: 0, relative: 1e-9))
        let diverging = minimize(.gd, settings: SolverSettings(maxIterations: 200, learningRate: 1e6)).0
        #expect(!diverging.converged)
    }

    @Test func nonConvergenceIsAResultNotACrash() {
        let result = minimize(.gd, settings: SolverSettings(maxIterations: 3, tolerance: 1e-14)).0
        #expect(!result.converged)
        #expect(result.iterations == 3)
        #expect(result.message.contains("max_iter"))
        #expect(result.objectiveHistory.count == 4)
    }
}
