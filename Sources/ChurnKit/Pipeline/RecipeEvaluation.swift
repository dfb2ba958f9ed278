/// How good a model or a recipe is, on the labelled rows of a recipe's source: the orchestration
/// behind `churn evaluate`, for any caller.
public enum RecipeEvaluation {
    /// A model applied to labelled rows.
    public struct ModelResult: Sendable {
        /// The labelled rows, built as the model expects (see ``TrainingRecipe/featureTable(for:progress:)``).
        public var table: FeatureTable
        /// Metrics, gains, calibration and curves of the model on those rows.
        public var report: EvaluationReport
        /// Each row's id, cut-off (transactions), label and probability.
        public var predictions: PredictionTable
    }

    /// Scores the recipe's labelled rows with `model`: the model's log columns unless the
    /// source names its own, its reference gap or table encoding, the recipe's schedule and horizon.
    public static func evaluate(_ model: ChurnModel, on recipe: TrainingRecipe, threshold: Double = 0.5, calibrationBins: Int = 10,
                                calibrationStrategy: CalibrationStrategy = .uniform,
                                progress: ProgressReporter = .silent) throws -> ModelResult {
        let (table, cutoffs) = try recipe.featureTable(for: model, progress: progress)
        guard let labels = table.labels else { throw FeatureError.invalidOption("evaluation needs labelled rows") }
        let probabilities = try model.churnProbabilities(table: table, file: recipe.source.name)
        let report = EvaluationReport(labels: labels, probabilities: probabilities, weights: table.sampleWeights, threshold: threshold,
                                      calibrationBins: calibrationBins, calibrationStrategy: calibrationStrategy)
        return ModelResult(table: table, report: report,
                           predictions: PredictionTable(customerIDs: table.customerIDs, cutoffs: cutoffs, labels: labels, probabilities: probabilities))
    }

    /// A grid of hyper-parameters to choose from by cross-validation (see ``HyperParameterSearch``).
    public struct SearchGrid: Sendable {
        /// Inverse regularization strengths to try (scikit-learn's `C`).
        public var Cs: [Double]
        /// Elastic-net mixings to try with each C.
        public var l1Ratios: [Double]
        /// What picks the best candidate: the lowest log loss or the highest ROC AUC.
        public var criterion: HyperParameterSearch.Criterion

        /// Every pair of `Cs` and `l1Ratios`, chosen by `criterion`.
        public init(Cs: [Double], l1Ratios: [Double], criterion: HyperParameterSearch.Criterion = .logLoss) {
            self.Cs = Cs
            self.l1Ratios = l1Ratios
            self.criterion = criterion
        }
    }

    /// A recipe cross-validated, after a search when one was asked for.
    public struct CrossValidated: Sendable {
        /// The rows that were cross-validated.
        public var data: TrainingData
        /// The search, when a grid was given.
        public var search: HyperParameterSearch?
        /// The recipe evaluated: the given one, with the search's best C and l1_ratio.
        public var chosen: TrainingRecipe
        /// The chosen recipe's cross-validation: out-of-fold metrics and per-fold summaries.
        public var result: CrossValidationResult
        /// Each row's id, cut-off (transactions), label, out-of-fold probability and fold.
        public var predictions: PredictionTable
    }

    /// Loads the recipe's data and cross-validates it with `folds` stratified folds (or the given
    /// `assignment`); with a `search` grid, every candidate is cross-validated and the best one's
    /// cross-validation is returned.
    public static func crossValidate(_ recipe: TrainingRecipe, folds: Int = 5, seed: UInt64 = 0, assignment: CrossValidationFolds? = nil,
                                     search grid: SearchGrid? = nil, progress: ProgressReporter = .silent) throws -> CrossValidated {
        let data = try recipe.loadData(progress: progress)
        var chosen = recipe
        var search: HyperParameterSearch? = nil
        let result: CrossValidationResult
        if let grid {
            let (found, best) = try HyperParameterSearch.run(recipe, data: data, Cs: grid.Cs, l1Ratios: grid.l1Ratios, criterion: grid.criterion,
                                                             folds: folds, seed: seed)
            search = found
            chosen.settings.C = found.best.C
            chosen.settings.l1Ratio = found.best.l1Ratio
            result = best
        } else {
            result = try CrossValidation.run(recipe, data: data, folds: folds, seed: seed, assignment: assignment, progress: progress)
        }
        guard let labels = data.table.labels else { throw FeatureError.invalidOption("cross-validation needs labelled data") }
        let predictions = PredictionTable(customerIDs: data.table.customerIDs, cutoffs: data.rowCutoffs, labels: labels,
                                          probabilities: result.probabilities, folds: result.foldOfRow)
        return CrossValidated(data: data, search: search, chosen: chosen, result: result, predictions: predictions)
    }
}
