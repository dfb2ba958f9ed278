/// A grid search over C (and l1_ratio) by cross-validation, as scikit-learn's `GridSearchCV`.
public struct HyperParameterSearch: Codable, Sendable {
    /// What "best" means: the lowest out-of-fold log loss (calibrated probabilities, the default
    /// a retention budget needs) or the highest ROC AUC (ranking only).
    public enum Criterion: String, Codable, Sendable, CaseIterable {
        /// Lowest pooled out-of-fold log loss.
        case logLoss = "log_loss"
        /// Highest pooled out-of-fold ROC AUC.
        case rocAUC = "roc_auc"
    }

    /// One grid point and its pooled out-of-fold metrics.
    public struct Candidate: Codable, Sendable {
        /// Inverse regularization strength, as scikit-learn's `C`.
        public var C: Double
        /// Elastic-net mix: 0 is pure L2, 1 pure L1.
        public var l1Ratio: Double
        /// Pooled out-of-fold ROC AUC.
        @NaNAsNull public var rocAUC: Double
        /// Pooled out-of-fold log loss.
        @NaNAsNull public var logLoss: Double

        enum CodingKeys: String, CodingKey { case C, l1Ratio = "l1_ratio", rocAUC = "roc_auc", logLoss = "log_loss" }
    }

    /// Every grid point, in the order tried (l1_ratio outer, C inner).
    public var candidates: [Candidate]
    /// The winner under ``criterion`` (the first one tried on a tie).
    public var best: Candidate
    /// How the winner was chosen.
    public var criterion: Criterion

    /// Checks a grid before any fold runs.
    /// Throws ``ParameterError`` for an empty grid, a C that is not a finite positive number or an
    /// l1_ratio outside [0, 1].
    public static func validate(Cs: [Double], l1Ratios: [Double]) throws {
        try ParameterCheck.nonEmpty(Cs, "Cs")
        try ParameterCheck.nonEmpty(l1Ratios, "l1_ratios")
        for C in Cs { try ParameterCheck.number(C, "Cs", in: 0...Double.greatestFiniteMagnitude, openLower: true) }
        for ratio in l1Ratios { try ParameterCheck.number(ratio, "l1_ratios", in: 0...1) }
    }

    /// Cross-validates every (C, l1_ratio) pair on the same folds; returns the search and the best
    /// candidate's cross-validation (so callers report it without running it again). Inference
    /// and the separation check are off inside the search: they describe one final fit.
    public static func run(_ recipe: TrainingRecipe, data: TrainingData, Cs: [Double], l1Ratios: [Double], criterion: Criterion,
                           folds: Int, seed: UInt64) throws -> (search: HyperParameterSearch, best: CrossValidationResult) {
        try validate(Cs: Cs, l1Ratios: l1Ratios)
        var candidates: [Candidate] = []
        var results: [CrossValidationResult] = []
        for l1Ratio in l1Ratios {
            for C in Cs {
                var trial = recipe
                trial.settings.C = C
                trial.settings.l1Ratio = l1Ratio
                trial.settings.inference = false
                trial.settings.separationCheck = false
                let result = try CrossValidation.run(trial, data: data, folds: folds, seed: seed)
                candidates.append(Candidate(C: C, l1Ratio: l1Ratio, rocAUC: result.outOfFold.metrics.rocAUC,
                                            logLoss: result.outOfFold.metrics.logLoss))
                results.append(result)
            }
        }
        let bestIndex = candidates.indices.min { a, b in
            criterion == .logLoss ? candidates[a].logLoss < candidates[b].logLoss : candidates[a].rocAUC > candidates[b].rocAUC
        }!
        return (HyperParameterSearch(candidates: candidates, best: candidates[bestIndex], criterion: criterion), results[bestIndex])
    }
}
