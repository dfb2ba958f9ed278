/// Why a model cannot be trained, in words a person can act on.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// Every training row has the same label: there is nothing to separate.
    case singleClass(label: Double, rows: Int)
    /// No input varies across the training rows.
    case noUsableFeatures(dropped: [String])
    /// A solver that cannot handle the L1 penalty asked for (`SolverRules`).
    case unsupportedPenalty(solver: Solver)
    /// A solver that cannot fit this kind of model (`SolverRules`).
    case unsupportedSolver(solver: Solver, model: String, allowed: [Solver])
    /// A setting outside what the trainer can work with.
    case invalidSetting(String)
    /// Sample weights that leave nothing to fit: negative or non-finite, or zero for a whole class.
    case degenerateWeights(String)

    public var description: String {
        switch self {
        case let .singleClass(label, rows):
            return "all \(rows) training rows have label \(Int(label)); a churn model needs both churners and non-churners (check the cut-off, the horizon or the positive label)"
        case let .noUsableFeatures(dropped):
            return "no feature varies across the training rows (dropped: \(dropped.joined(separator: ", ")))"
        case let .unsupportedPenalty(solver):
            return "solver '\(solver.rawValue)' cannot handle an L1 penalty (l1_ratio > 0); use \(SolverRules.list(SolverRules.allowed(for: .logisticRegression(l1Ratio: 1))))"
        case let .unsupportedSolver(solver, model, allowed):
            return "solver '\(solver.rawValue)' cannot fit \(model); use \(SolverRules.list(allowed))"
        case let .invalidSetting(message):
            return message
        case let .degenerateWeights(message):
            return message
        }
    }

    /// Weights must be finite and ≥ 0, and each class needs a positive total: with all weights of a
    /// class zero the objective is minimized by a coefficient running to infinity (or, all zero,
    /// by any model at all), which a solver reports as "converged" to a meaningless model.
    static func checkWeights(_ weights: [Double], labels: [Double]) throws {
        if let row = weights.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
            throw degenerateWeights("sample weight of row \(row + 1) is \(weights[row]); weights must be finite numbers ≥ 0")
        }
        var positive = 0.0, negative = 0.0
        for (w, y) in zip(weights, labels) { if y == 1 { positive += w } else { negative += w } }
        if positive + negative == 0 {
            throw degenerateWeights("every sample weight is 0, so there is nothing to fit; give some rows a positive weight (check the sample-weight column)")
        }
        if positive == 0 || negative == 0 {
            throw degenerateWeights("every \(positive == 0 ? "churned" : "non-churned") row has sample weight 0, so the model would only see one class; give those rows a positive weight")
        }
    }
}
