import Testing
@testable import ChurnKit

/// Solver and penalty compatibility, decided in one place.
struct SolverRulesTests {
    @Test func defaults() {
        #expect(SolverRules.automatic(for: .logisticRegression(l1Ratio: 0), parameterCount: 200) == .newton)
        #expect(SolverRules.automatic(for: .logisticRegression(l1Ratio: 0), parameterCount: 201) == .lbfgs)
        #expect(SolverRules.automatic(for: .logisticRegression(l1Ratio: 0.5), parameterCount: 3) == .owlqn)
        #expect(SolverRules.automatic(for: .additive, parameterCount: 2500) == .newton)
        #expect(SolverRules.automatic(for: .additive, parameterCount: 2501) == .lbfgs)
    }

    @Test func newtonCannotHandleL1AndTheMessageListsTheOthers() throws {
        #expect(throws: TrainingError.unsupportedPenalty(solver: .newton)) {
            try SolverRules.check(.newton, for: .logisticRegression(l1Ratio: 0.1))
        }
        let message = TrainingError.unsupportedPenalty(solver: .newton).description
        #expect(message == "solver 'newton' cannot handle an L1 penalty (l1_ratio > 0); use owlqn, lbfgs, gradient-descent or sgd")
        for solver in Solver.allCases { try SolverRules.check(solver, for: .logisticRegression(l1Ratio: 0)) }
        try SolverRules.check(nil, for: .logisticRegression(l1Ratio: 1))
    }

    @Test func theAdditiveModelTakesNewtonOrLBFGS() throws {
        try SolverRules.check(.newton, for: .additive)
        try SolverRules.check(.lbfgs, for: .additive)
        let error = TrainingError.unsupportedSolver(solver: .sgd, model: "the additive model", allowed: [.newton, .lbfgs])
        #expect(throws: error) { try SolverRules.check(.sgd, for: .additive) }
        #expect(error.description == "solver 'sgd' cannot fit the additive model; use newton or lbfgs")
        var settings = AdditiveSettings()
        settings.solver = .owlqn
        #expect(throws: TrainingError.self) { try settings.validate() }
        settings.solver = nil
        settings.maxBins = 1
        #expect(throws: ParameterError(parameter: "max_bins", value: "1", allowed: "a whole number from 2 to 1024")) { try settings.validate() }
    }
}
