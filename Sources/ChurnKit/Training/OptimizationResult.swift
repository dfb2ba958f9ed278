/// What a trainer returns: the minimizer it found and how it got there.
public struct OptimizationResult: Sendable {
    public var solver: Solver
    public var parameters: [Double]
    /// `F(θ)`, the full objective including any L1 term.
    public var objective: Double
    /// max |gradient| (pseudo-gradient with L1) at the end, in objective units.
    public var gradientMaxNorm: Double
    public var iterations: Int
    public var converged: Bool
    public var objectiveHistory: [Double]
    public var message: String
    public var seconds: Double = 0
}
