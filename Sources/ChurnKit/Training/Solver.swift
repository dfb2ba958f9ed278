/// The trainers that minimize an ``Objective``.
public enum Solver: String, CaseIterable, Codable, Sendable {
    // Which solver may minimize which problem, and the default choice: ``SolverRules``.

    /// Newton's method with a Cholesky solve of the full Hessian (LAPACK `dposv`), damped when the
    /// Hessian is not positive definite. Quadratic convergence; `O(p²)` memory. Default for few features.
    case newton
    /// Limited-memory BFGS with a backtracking line search. Default for many features; switches
    /// to OWL-QN automatically when there is an L1 penalty (as Spark does).
    case lbfgs
    /// OWL-QN: L-BFGS restricted to an orthant, for L1 and elastic net; exact zeros.
    case owlqn
    /// Batch gradient descent with Armijo backtracking (or a fixed learning rate); proximal steps for L1.
    case gd = "gradient-descent"
    /// Mini-batch stochastic gradient descent: seeded shuffling, learning-rate schedule, momentum.
    case sgd

    /// How this solver decides it is done, for `--help` and the report.
    public var stoppingRule: String {
        switch self {
        case .newton, .lbfgs, .gd:
            return "max |gradient component| ≤ tol · C·Σw (the gradient of the mean loss)"
        case .owlqn:
            return "max |pseudo-gradient component| ≤ tol · C·Σw"
        case .sgd:
            return "relative change of the objective over one epoch ≤ tol, or max |gradient| ≤ tol · C·Σw"
        }
    }
}

/// How the SGD learning rate changes with the epoch `t` (0-based).
public enum LearningRateSchedule: String, Codable, Sendable, CaseIterable {
    /// `η`.
    case constant
    /// `η / (1 + t)`.
    case inverseTime = "inverse-time"
    /// `η · 0.5^⌊t/10⌋`.
    case stepDecay = "step-decay"

    func rate(initial: Double, epoch: Int) -> Double {
        switch self {
        case .constant: return initial
        case .inverseTime: return initial / Double(1 + epoch)
        case .stepDecay: return initial * pow(0.5, Double(epoch / 10))
        }
    }
}

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

public struct SolverSettings: Sendable {
    public var maxIterations: Int
    /// See ``Solver/stoppingRule``.
    public var tolerance: Double
    /// L-BFGS/OWL-QN memory `m`.
    public var historySize: Int
    /// Gradient descent: a fixed step on the mean-loss scale instead of Armijo backtracking.
    /// SGD: the initial learning rate (default 0.5).
    public var learningRate: Double?
    public var schedule: LearningRateSchedule
    public var batchSize: Int
    /// SGD: each epoch multiplies the batch size by this (≥ 1), up to the whole data set. Growing
    /// batches shrink the gradient noise geometrically, which lets SGD reach the exact optimum.
    public var batchGrowth: Double
    public var momentum: Double
    public var seed: UInt64
    /// Called after every iteration with (iteration, objective).
    public var progress: (@Sendable (Int, Double) -> Void)?

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

/// A method that minimizes any ``Objective``; trainers never know which model they fit.
public protocol Trainer {
    func minimize(_ objective: Objective, from start: [Double], settings: SolverSettings) -> OptimizationResult
}

extension Solver {
    /// The trainer that implements this solver.
    public var trainer: Trainer {
        switch self {
        case .newton: return NewtonTrainer()
        case .lbfgs: return LBFGSTrainer(orthantWise: false)
        case .owlqn: return LBFGSTrainer(orthantWise: true)
        case .gd: return GradientDescentTrainer()
        case .sgd: return StochasticGradientTrainer()
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
