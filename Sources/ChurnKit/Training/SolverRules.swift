
/// Which solver may minimize which problem, and which one is used when none is given: the only
/// place these rules live. ``LogisticRegression``, the additive trainer, the separation check and
/// the command line all ask here.
///
/// | problem                          | allowed                              | default                                  |
/// |----------------------------------|--------------------------------------|------------------------------------------|
/// | logistic regression, no L1       | every solver                         | newton up to 200 parameters, else lbfgs  |
/// | logistic regression, l1_ratio > 0 | owlqn, lbfgs (as OWL-QN), gradient-descent, sgd | owlqn                          |
/// | additive model                   | newton, lbfgs                        | newton up to 2,500 parameters, else lbfgs |
///
/// Newton needs a smooth objective (no L1 kink); the additive fit is tested with the two
/// full-batch quasi-second-order solvers only, where its penalties are well conditioned.
enum SolverRules {
    /// The solvers able to minimize `problem`, in the order error messages list them.
    static func allowed(for problem: SolverProblem) -> [Solver] {
        switch problem {
        case let .logisticRegression(l1Ratio): return l1Ratio > 0 ? [.owlqn, .lbfgs, .gd, .sgd] : Solver.allCases
        case .additive: return [.newton, .lbfgs]
        }
    }

    /// The solver used when none is given. Newton's `p²` Hessian and `p³` solve stay cheap up
    /// to a few hundred parameters of a dense problem (a few thousand for the additive model,
    /// whose fit is dominated by the data pass).
    static func automatic(for problem: SolverProblem, parameterCount: Int) -> Solver {
        switch problem {
        case let .logisticRegression(l1Ratio):
            if l1Ratio > 0 { return .owlqn }
            return parameterCount <= 200 ? .newton : .lbfgs
        case .additive:
            return parameterCount <= 2500 ? .newton : .lbfgs
        }
    }

    /// Throws ``TrainingError`` when `requested` cannot minimize `problem`; call it before any work.
    static func check(_ requested: Solver?, for problem: SolverProblem) throws {
        guard let requested, !allowed(for: problem).contains(requested) else { return }
        switch problem {
        case .logisticRegression: throw TrainingError.unsupportedPenalty(solver: requested)
        case .additive: throw TrainingError.unsupportedSolver(solver: requested, model: "the additive model", allowed: allowed(for: problem))
        }
    }

    /// The solver to use: `requested` once checked, else the automatic choice.
    static func resolve(_ requested: Solver?, for problem: SolverProblem, parameterCount: Int) throws -> Solver {
        try check(requested, for: problem)
        return requested ?? automatic(for: problem, parameterCount: parameterCount)
    }

    /// "owlqn, lbfgs, gradient-descent or sgd".
    static func list(_ solvers: [Solver]) -> String {
        let names = solvers.map(\.rawValue)
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}
