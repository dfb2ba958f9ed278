/// Knobs shared by the trainers; each reads the ones it uses.
extension SolverSettings {
    /// Throws ``ParameterError`` for a setting no solver can work with (a NaN step, no iterations).
    public func validate() throws {
        try ParameterCheck.integer(maxIterations, "max_iter", in: 1...100_000_000)
        try ParameterCheck.number(tolerance, "tol", in: 0...1e6)
        try ParameterCheck.integer(historySize, "history_size", in: 1...1000)
        if let learningRate { try ParameterCheck.number(learningRate, "learning_rate", in: 0...1e6, openLower: true) }
        try ParameterCheck.integer(batchSize, "batch_size", in: 1...Int(Int32.max))
        try ParameterCheck.number(batchGrowth, "batch_growth", in: 1...1e6)
        try ParameterCheck.number(momentum, "momentum", in: 0...0.999, allowed: "a number ≥ 0 and < 1 (at most 0.999)")
    }
}

/// What every solver is told: when to stop and, for the stochastic ones, how to step.
public struct SolverSettings: Sendable {
    /// Iteration limit (epochs for the stochastic solver).
    public var maxIterations: Int
    /// See ``Solver/stoppingRule``.
    public var tolerance: Double
    /// L-BFGS/OWL-QN memory `m`.
    public var historySize: Int
    /// Gradient descent: a fixed step on the mean-loss scale instead of Armijo backtracking.
    /// SGD: the initial learning rate (default 0.5).
    public var learningRate: Double?
    /// How the stochastic solver's step size decays.
    public var schedule: LearningRateSchedule
    /// Rows per stochastic-gradient step.
    public var batchSize: Int
    /// SGD: each epoch multiplies the batch size by this (≥ 1), up to the whole data set. Growing
    /// batches shrink the gradient noise geometrically, which lets SGD reach the exact optimum.
    public var batchGrowth: Double
    /// Momentum of the stochastic solver (0: plain SGD).
    public var momentum: Double
    /// Seed of the stochastic solver's row order.
    public var seed: UInt64
    /// Called after every iteration with (iteration, objective).
    public var progress: (@Sendable (Int, Double) -> Void)?

    /// Settings with the library's defaults.
    public init(maxIterations: Int = 1000, tolerance: Double = 1e-8, historySize: Int = 10, learningRate: Double? = nil,
                schedule: LearningRateSchedule = .constant, batchSize: Int = 256, batchGrowth: Double = 1.5,
                momentum: Double = 0.9, seed: UInt64 = 0, progress: (@Sendable (Int, Double) -> Void)? = nil) {
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.historySize = historySize
        self.learningRate = learningRate
        self.schedule = schedule
        self.batchSize = batchSize
        self.batchGrowth = batchGrowth
        self.momentum = momentum
        self.seed = seed
        self.progress = progress
    }
}
