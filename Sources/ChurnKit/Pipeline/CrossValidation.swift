/// Stratified k-fold cross-validation of a training recipe, with out-of-fold predictions.
///
/// Every fold refits the whole recipe on its training rows, standardization included; for a
/// labelled table the median fills are refitted too (which columns exist and their levels come
/// from the whole file, as a fixed schema would), so nothing from a test fold leaks into its
/// model. With several snapshots per customer, folds keep each customer's rows together.
public struct CrossValidationResult: Codable, Sendable {
    public var folds: Int
    public var seed: UInt64
    public var grouped: Bool
    /// Metrics of the pooled out-of-fold predictions (each row predicted by the model that did not see it).
    public var outOfFold: EvaluationReport
    public var foldSummaries: [FoldSummary]
    /// Out-of-fold churn probability per row, in the data's row order.
    public var probabilities: [Double]
    /// The fold each row was predicted in (1-based), in the data's row order.
    public var foldOfRow: [Int]

    enum CodingKeys: String, CodingKey {
        case folds, seed, grouped, outOfFold = "out_of_fold", foldSummaries = "fold_summaries", probabilities, foldOfRow = "fold_of_row"
    }

    public struct FoldSummary: Codable, Sendable {
        public var fold: Int
        public var trainingRows: Int
        public var testRows: Int
        @NaNAsNull public var rocAUC: Double
        @NaNAsNull public var logLoss: Double
        public var converged: Bool

        enum CodingKeys: String, CodingKey {
            case fold, trainingRows = "training_rows", testRows = "test_rows", rocAUC = "roc_auc", logLoss = "log_loss", converged
        }
    }

    /// Mean of the per-fold AUCs (scikit-learn's `cross_val_score` convention).
    public var meanFoldAUC: Double { foldSummaries.map(\.rocAUC).reduce(0, +) / Double(max(foldSummaries.count, 1)) }
}

public enum CrossValidation {
    /// Throws ``ParameterError`` unless 2 ≤ folds ≤ 10,000 (more folds than rows is an ``EvaluationError``).
    public static func validate(folds: Int) throws {
        try ParameterCheck.integer(folds, "folds", in: 2...10_000)
    }

    /// `assignment`: given folds (one per row, e.g. scikit-learn's, so peers share them); nil = ``StratifiedKFold``.
    public static func run(_ recipe: TrainingRecipe, data: TrainingData, folds foldCount: Int = 5, seed: UInt64 = 0,
                           assignment: CrossValidationFolds? = nil, progress: ProgressReporter = .silent) throws -> CrossValidationResult {
        if assignment == nil { try validate(folds: foldCount) }
        guard let labels = data.table.labels else { throw FeatureError.invalidOption("cross-validation needs labelled data") }
        let grouped = Set(data.groups).count < data.groups.count
        let splitter = StratifiedKFold(foldCount: foldCount, seed: seed)
        if let assignment, assignment.foldOfRow.count != labels.count {
            throw FeatureError.invalidOption("the fold assignment has \(assignment.foldOfRow.count) rows, the data \(labels.count)")
        }
        let folds = try assignment ?? (grouped ? splitter.folds(labels: labels, groups: data.groups) : splitter.folds(labels: labels))
        let foldCount = folds.foldCount
        var probabilities = [Double](repeating: .nan, count: labels.count)
        var foldOfRow = [Int](repeating: 0, count: labels.count)
        var summaries: [CrossValidationResult.FoldSummary] = []
        for fold in 0..<foldCount {
            progress.update(fraction: Double(fold) / Double(foldCount), detail: "fold \(fold + 1) of \(foldCount)")
            let train = folds.trainingIndices(fold: fold), test = folds.testIndices(fold: fold)
            let (trainData, testTable) = try recipe.split(data, training: train, test: test)
            let (model, report) = try recipe.fit(trainData)
            let predicted = try model.churnProbabilities(model.designMatrix(from: testTable, file: recipe.source.name))
            for (k, i) in test.enumerated() {
                probabilities[i] = predicted[k]
                foldOfRow[i] = fold + 1
            }
            let testLabels = test.map { labels[$0] }
            let metrics = BinaryClassificationMetrics.compute(labels: testLabels, probabilities: predicted,
                                                              weights: testTable.sampleWeights)
            summaries.append(.init(fold: fold + 1, trainingRows: train.count, testRows: test.count, rocAUC: metrics.rocAUC,
                                   logLoss: metrics.logLoss, converged: report.converged))
        }
        progress.finish()
        let report = EvaluationReport(labels: labels, probabilities: probabilities, weights: data.table.sampleWeights)
        return CrossValidationResult(folds: foldCount, seed: seed, grouped: grouped, outOfFold: report, foldSummaries: summaries,
                                     probabilities: probabilities, foldOfRow: foldOfRow)
    }
}

/// A grid search over C (and l1_ratio) by cross-validation, as scikit-learn's `GridSearchCV`.
public struct HyperParameterSearch: Codable, Sendable {
    public enum Criterion: String, Codable, Sendable, CaseIterable {
        case logLoss = "log_loss"
        case rocAUC = "roc_auc"
    }

    public struct Candidate: Codable, Sendable {
        public var C: Double
        public var l1Ratio: Double
        @NaNAsNull public var rocAUC: Double
        @NaNAsNull public var logLoss: Double

        enum CodingKeys: String, CodingKey { case C, l1Ratio = "l1_ratio", rocAUC = "roc_auc", logLoss = "log_loss" }
    }

    public var candidates: [Candidate]
    public var best: Candidate
    public var criterion: Criterion

    /// Cross-validates every (C, l1_ratio) pair; returns the search and the best candidate's
    /// cross-validation (so callers report it without running it again).
    /// Throws ``ParameterError`` for an empty grid, a C that is not a finite positive number or an
    /// l1_ratio outside [0, 1].
    public static func validate(Cs: [Double], l1Ratios: [Double]) throws {
        try ParameterCheck.nonEmpty(Cs, "Cs")
        try ParameterCheck.nonEmpty(l1Ratios, "l1_ratios")
        for C in Cs { try ParameterCheck.number(C, "Cs", in: 0...Double.greatestFiniteMagnitude, openLower: true) }
        for ratio in l1Ratios { try ParameterCheck.number(ratio, "l1_ratios", in: 0...1) }
    }

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

/// Out-of-time validation: train with the features and labels of one cut-off, evaluate on a later
/// cut-off. The training rows use only transactions up to the training cut-off plus its holdout;
/// the evaluation features only transactions up to the evaluation cut-off.
public struct BacktestResult: Codable, Sendable {
    public var trainingCutoff: CalendarDay
    public var evaluationCutoff: CalendarDay
    public var horizonDays: Int
    public var trainingRows: Int
    public var evaluationRows: Int
    public var report: EvaluationReport

    enum CodingKeys: String, CodingKey {
        case trainingCutoff = "training_cutoff", evaluationCutoff = "evaluation_cutoff", horizonDays = "horizon_days",
             trainingRows = "training_rows", evaluationRows = "evaluation_rows", report
    }
}

public enum Backtest {
    public static func run(_ recipe: TrainingRecipe, evaluationCutoff: CalendarDay, progress: ProgressReporter = .silent) throws -> BacktestResult {
        guard recipe.source.hasTransactions else {
            throw FeatureError.invalidOption("a backtest needs transactions (a log) with a training cut-off, not a labelled table")
        }
        let cutoffs = try recipe.resolvedCutoffs()
        let horizon = try recipe.requiredHorizon()
        let trainingCutoff = cutoffs.max()!
        guard evaluationCutoff > trainingCutoff else {
            throw FeatureError.invalidOption("the backtest cut-off \(evaluationCutoff) must be after the training cut-off \(trainingCutoff)")
        }
        var training = recipe
        training.schedule = .cutoffs(cutoffs)
        let data = try training.loadData(progress: progress)
        let (model, _) = try training.fit(data)
        var evaluation = recipe
        evaluation.schedule = .cutoff(evaluationCutoff)
        let evaluationTable = try evaluation.featureTable(for: model, progress: progress).table
        let probabilities = try model.churnProbabilities(model.designMatrix(from: evaluationTable, file: recipe.source.name))
        return BacktestResult(trainingCutoff: trainingCutoff, evaluationCutoff: evaluationCutoff, horizonDays: horizon,
                              trainingRows: data.table.rowCount, evaluationRows: evaluationTable.rowCount,
                              report: EvaluationReport(labels: evaluationTable.labels!, probabilities: probabilities))
    }
}
