/// A method that minimizes any ``Objective``; trainers never know which model they fit.
public protocol Trainer {
    /// Minimizes `objective` from `start`; does not throw: non-convergence is reported in the result.
    func minimize(_ objective: Objective, from start: [Double], settings: SolverSettings) -> OptimizationResult
}
