/// Which terms a recipe gets — a straight line per input, learned shapes, or shapes and pairs —
/// chosen by k-fold cross-validation on the training rows, as scikit-learn's model selection
/// would: every candidate is cross-validated on the same folds, and the one with the lowest
/// out-of-fold log loss is kept (on a tie, the simpler one). Each additive candidate still chooses
/// its own bins, roughness and pairs by inner cross-validation within each fold's training rows,
/// so no candidate sees the rows it is scored on.
public enum TermsSelection {
    /// One candidate's cross-validation.
    public struct Candidate: Sendable {
        /// The terms tried.
        public var kind: TermsKind
        /// Its out-of-fold predictions and metrics.
        public var result: CrossValidationResult
        /// The out-of-fold log loss the choice is made on.
        public var logLoss: Double { result.outOfFold.metrics.logLoss }
    }

    /// What the selection chose, and every candidate it scored (in the order tried).
    public struct Outcome: Sendable {
        /// The recipe with the chosen terms (`additive` nil for linear).
        public var recipe: TrainingRecipe
        /// The chosen candidate's kind.
        public var chosen: TermsKind
        /// Every candidate, simplest first.
        public var candidates: [Candidate]
        /// The chosen candidate's cross-validation.
        public var chosenResult: CrossValidationResult { candidates.first { $0.kind == chosen }!.result }
    }

    /// Cross-validates `recipe` with each of `kinds` (simplest first: linear, additive,
    /// additive+pairs) on the same `folds` and keeps the lowest out-of-fold log loss.
    /// - Parameters:
    ///   - recipe: the recipe whose terms are chosen (its inputs, schedule and settings are kept).
    ///   - data: the labelled training rows.
    ///   - kinds: the candidates; tried simplest first whatever their order here.
    ///   - additive: the additive candidates' settings (their `kind` is set per candidate).
    ///   - folds: the number of stratified folds every candidate is cross-validated on.
    ///   - seed: the folds' shuffle.
    ///   - progress: one step per candidate.
    public static func choose(_ recipe: TrainingRecipe, data: TrainingData, kinds: [TermsKind] = TermsKind.allCases,
                              additive: AdditiveSettings, folds: Int = 5, seed: UInt64 = 0,
                              progress: ProgressReporter = .silent) throws -> Outcome {
        guard !kinds.isEmpty else { throw FeatureError.invalidOption("no terms to choose from") }
        let ordered = TermsKind.allCases.filter(kinds.contains)
        var candidates: [Candidate] = []
        for kind in ordered {
            let trial = self.recipe(recipe, kind: kind, additive: additive)
            progress.update(fraction: Double(candidates.count) / Double(ordered.count), detail: "\(kind.rawValue): \(folds)-fold cross-validation")
            let result = try CrossValidation.run(trial, data: data, folds: folds, seed: seed)
            candidates.append(Candidate(kind: kind, result: result))
        }
        progress.finish()
        // Strictly lower to displace a simpler candidate (NaN never wins).
        var best = candidates[0]
        for candidate in candidates.dropFirst() where candidate.logLoss < best.logLoss { best = candidate }
        return Outcome(recipe: self.recipe(recipe, kind: best.kind, additive: additive), chosen: best.kind, candidates: candidates)
    }

    /// `recipe` with `kind`'s terms.
    static func recipe(_ recipe: TrainingRecipe, kind: TermsKind, additive: AdditiveSettings) -> TrainingRecipe {
        var trial = recipe
        if kind == .linear {
            trial.additive = nil
        } else {
            var settings = additive
            settings.kind = kind
            if kind == .additive { settings.pairs = nil }
            trial.additive = settings
        }
        return trial
    }
}
