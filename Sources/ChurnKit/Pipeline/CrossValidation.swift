/// Stratified k-fold cross-validation of a ``TrainingRecipe`` (see ``CrossValidationResult``).
///
/// A namespace: the work is one function, and the result carries everything it measured.
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
        if let assignment {
            if let row = assignment.foldOfRow.firstIndex(where: { !(0..<assignment.foldCount).contains($0) }) {
                throw FeatureError.invalidOption("the fold assignment puts row \(row + 1) in fold \(assignment.foldOfRow[row]), outside 0..<\(assignment.foldCount)")
            }
            // Every fold must be tested on something and trained on something else.
            if let empty = assignment.rowCounts.firstIndex(of: 0) {
                throw FeatureError.invalidOption("the fold assignment puts no row in fold \(empty) of 0..<\(assignment.foldCount): every fold needs rows to test on")
            }
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
