/// What a trainer returns: the minimizer it found and how it got there.
public struct OptimizationResult: Sendable {
    /// The solver that ran.
    public var solver: Solver
    /// The parameters it stopped at.
    public var parameters: [Double]
    /// `F(θ)`, the full objective including any L1 term.
    public var objective: Double
    /// max |gradient| (pseudo-gradient with L1) at the end, in objective units.
    public var gradientMaxNorm: Double
    /// Iterations taken.
    public var iterations: Int
    /// Whether the stopping rule was met (rather than the iteration limit).
    public var converged: Bool
    /// Objective value per iteration.
    public var objectiveHistory: [Double]
    /// Why it stopped, in words.
    public var message: String
    /// Wall-clock time of the minimization.
    public var seconds: Double = 0
}
