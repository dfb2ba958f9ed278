/// A method that minimizes any ``Objective``; trainers never know which model they fit.
public protocol Trainer {
    func minimize(_ objective: Objective, from start: [Double], settings: SolverSettings) -> OptimizationResult
}
