/// Out-of-time validation of a ``TrainingRecipe`` (see ``BacktestResult``): how a model trained
/// today would have done on a later period, the question a scheduled scoring job really asks.
public enum Backtest {
    /// Fits the recipe at its own cut-offs and evaluates it at `evaluationCutoff`, which must be
    /// later than all of them; needs a transaction source (a labelled table has no time).
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
