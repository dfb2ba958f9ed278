/// What a solver is asked to minimize, as far as choosing a solver goes.
enum SolverProblem: Sendable, Equatable {
    /// Penalized logistic regression; `l1Ratio > 0` adds the non-smooth L1 term.
    case logisticRegression(l1Ratio: Double)
    /// An additive model's tables: smooth (ridge and roughness penalties, no L1), often thousands
    /// of parameters with a sparse, banded Hessian.
    case additive
}
