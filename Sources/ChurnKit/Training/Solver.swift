/// The trainers that minimize an ``Objective``.
public enum Solver: String, CaseIterable, Codable, Sendable {
    // Which solver may minimize which problem, and the default choice: `SolverRules`.

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

