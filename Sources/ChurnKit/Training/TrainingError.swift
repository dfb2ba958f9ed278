/// Why a model cannot be trained, in words a person can act on.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    case singleClass(label: Double, rows: Int)
    case noUsableFeatures(dropped: [String])
    case unsupportedPenalty(solver: Solver)
    case invalidSetting(String)
    /// Sample weights that leave nothing to fit: negative or non-finite, or zero for a whole class.
    case degenerateWeights(String)

    public var description: String {
        switch self {
        case let .singleClass(label, rows):
            return "all \(rows) training rows have label \(Int(label)); a churn model needs both churners and non-churners (check the cut-off, horizon or --positive value)"
        case let .noUsableFeatures(dropped):
            return "no feature varies across the training rows (dropped: \(dropped.joined(separator: ", ")))"
        case let .unsupportedPenalty(solver):
            return "solver '\(solver.rawValue)' cannot handle an L1 penalty (l1_ratio > 0); use owlqn, lbfgs, gradient-descent or sgd"
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

/// How samples of each class are weighted, as scikit-learn's `class_weight`.
public enum ClassWeight: String, Codable, Sendable, CaseIterable {
    case none
    /// `n / (2·count_c)` for class c, so both classes carry equal total weight; multiplies any
    /// sample weights.
    case balanced

    /// Per-row weights for `labels` (0/1), or nil for `.none`.
    public func weights(for labels: [Double]) -> [Double]? {
        guard self == .balanced else { return nil }
        let positives = labels.reduce(0, +)
        let negatives = Double(labels.count) - positives
        let n = Double(labels.count)
        let positiveWeight = n / (2 * max(positives, 1)), negativeWeight = n / (2 * max(negatives, 1))
        return labels.map { $0 == 1 ? positiveWeight : negativeWeight }
    }
}
