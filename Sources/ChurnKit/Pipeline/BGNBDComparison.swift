/// The logistic recipe and the BG/NBD model side by side on the same stratified folds: each fold
/// fits both on its training rows only (BG/NBD on their frequency, recency and T) and predicts
/// its test rows; the pooled out-of-fold predictions of each are scored with the same metrics.
///
/// The BG/NBD's churn probability is `P(no purchase in the horizon)`, the probability of the
/// label itself, so log loss, Brier score and calibration compare like with like.
public struct BGNBDComparison: Codable, Sendable {
    /// One model's pooled out-of-fold metrics.
    public struct Row: Codable, Sendable {
        /// The model's name as printed ("logistic regression", "logistic additive+pairs", "BG/NBD").
        public var model: String
        /// ROC AUC of the pooled out-of-fold probabilities.
        @NaNAsNull public var rocAUC: Double
        /// Mean log loss of the pooled out-of-fold probabilities.
        @NaNAsNull public var logLoss: Double
        /// Mean squared error of the probabilities (Brier score).
        @NaNAsNull public var brierScore: Double
        /// Expected calibration error over the calibration table's bins.
        @NaNAsNull public var expectedCalibrationError: Double
        /// Per fold, test-row AUC.
        public var foldAUC: [Double]

        enum CodingKeys: String, CodingKey {
            case model, rocAUC = "roc_auc", logLoss = "log_loss", brierScore = "brier_score",
                 expectedCalibrationError = "expected_calibration_error", foldAUC = "fold_roc_auc"
        }
    }

    /// Number of folds.
    public var folds: Int
    /// Seed of the stratified shuffle.
    public var seed: UInt64
    /// The logistic recipe first, then BG/NBD.
    public var rows: [Row]
    /// The logistic recipe's full out-of-fold evaluation.
    public var logistic: EvaluationReport
    /// The BG/NBD model's full out-of-fold evaluation.
    public var bgnbd: EvaluationReport

    /// Runs both models over the same folds. `penalizerCoef` is lifetimes' `penalizer_coef` for the BG/NBD fit; the data must be a labelled transaction log.
    public static func run(_ recipe: TrainingRecipe, data: TrainingData, folds foldCount: Int = 5, seed: UInt64 = 0,
                           penalizerCoef: Double = 0, progress: ProgressReporter = .silent) throws -> BGNBDComparison {
        guard let labels = data.table.labels, let horizon = data.transactions?.horizonDays else {
            throw FeatureError.invalidOption("the BG/NBD comparison needs a labelled transaction log (a cut-off and horizonDays)")
        }
        let grouped = Set(data.groups).count < data.groups.count
        let splitter = StratifiedKFold(foldCount: foldCount, seed: seed)
        let folds = grouped ? try splitter.folds(labels: labels, groups: data.groups) : try splitter.folds(labels: labels)
        var logistic = [Double](repeating: .nan, count: labels.count), bgnbd = logistic
        var logisticAUC: [Double] = [], bgnbdAUC: [Double] = []
        for fold in 0..<foldCount {
            progress.update(fraction: Double(fold) / Double(foldCount), detail: "fold \(fold + 1) of \(foldCount)")
            let train = folds.trainingIndices(fold: fold), test = folds.testIndices(fold: fold)
            let (trainData, testTable) = try recipe.split(data, training: train, test: test)
            let (model, _) = try recipe.fit(trainData)
            let fromLogistic = try model.churnProbabilities(table: testTable, file: recipe.source.name)
            let (part, _) = try BuyTillYouDieModel.fit(trainData.table, horizonDays: horizon, penalizerCoef: penalizerCoef)
            let fromBGNBD = try part.predictions(for: testTable).probabilityNoPurchase
            let testLabels = test.map { labels[$0] }
            for (k, i) in test.enumerated() {
                logistic[i] = fromLogistic[k]
                bgnbd[i] = fromBGNBD[k]
            }
            logisticAUC.append(BinaryClassificationMetrics.compute(labels: testLabels, probabilities: fromLogistic).rocAUC)
            bgnbdAUC.append(BinaryClassificationMetrics.compute(labels: testLabels, probabilities: fromBGNBD).rocAUC)
        }
        progress.finish()
        let logisticReport = EvaluationReport(labels: labels, probabilities: logistic, weights: data.table.sampleWeights)
        let bgnbdReport = EvaluationReport(labels: labels, probabilities: bgnbd, weights: data.table.sampleWeights)
        func row(_ name: String, _ report: EvaluationReport, _ foldAUC: [Double]) -> Row {
            Row(model: name, rocAUC: report.metrics.rocAUC, logLoss: report.metrics.logLoss, brierScore: report.metrics.brierScore,
                expectedCalibrationError: report.calibration.expectedCalibrationError, foldAUC: foldAUC)
        }
        return BGNBDComparison(folds: foldCount, seed: seed,
                               rows: [row(recipe.termsKind == .linear ? "logistic regression" : "logistic \(recipe.termsKind.rawValue)", logisticReport, logisticAUC),
                                      row("BG/NBD", bgnbdReport, bgnbdAUC)],
                               logistic: logisticReport, bgnbd: bgnbdReport)
    }
}
