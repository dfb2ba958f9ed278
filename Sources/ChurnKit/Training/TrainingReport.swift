/// The training report: how the solver did, and what a person should know about the fit.
public struct TrainingReport: Codable, Sendable, Equatable {
    /// The solver that ran.
    public var solver: Solver
    /// The stopping rule, in words.
    public var stoppingRule: String
    /// Iterations taken.
    public var iterations: Int
    /// Whether the stopping rule was met.
    public var converged: Bool
    /// Final objective value.
    public var objective: Double
    /// Largest |gradient| component at the end.
    public var gradientMaxNorm: Double
    /// Objective value per iteration.
    public var objectiveHistory: [Double]
    /// Wall-clock time of the fit.
    public var seconds: Double
    /// Why it stopped and, when it did not converge, the likely cause.
    public var message: String
    /// Training rows.
    public var rows: Int
    /// Weighted churners among them.
    public var positives: Double
    /// Plain-language findings: separation, collinearity, scaling, dropped columns.
    public var diagnostics: [String]

    enum CodingKeys: String, CodingKey {
        case solver, stoppingRule = "stopping_rule", iterations, converged, objective, gradientMaxNorm = "gradient_max_norm",
             objectiveHistory = "objective_history", seconds, message, rows, positives, diagnostics
    }
}
