/// The training report: how the solver did, and what a person should know about the fit.
public struct TrainingReport: Codable, Sendable, Equatable {
    public var solver: Solver
    public var stoppingRule: String
    public var iterations: Int
    public var converged: Bool
    public var objective: Double
    public var gradientMaxNorm: Double
    public var objectiveHistory: [Double]
    public var seconds: Double
    public var message: String
    public var rows: Int
    public var positives: Double
    /// Plain-language findings: separation, collinearity, scaling, dropped columns.
    public var diagnostics: [String]

    enum CodingKeys: String, CodingKey {
        case solver, stoppingRule = "stopping_rule", iterations, converged, objective, gradientMaxNorm = "gradient_max_norm",
             objectiveHistory = "objective_history", seconds, message, rows, positives, diagnostics
    }
}
