import Foundation

/// Where training rows come from.
public enum TrainingSource: Sendable {
    /// A transaction log; one row per customer per cut-off (several cut-offs stack rolling
    /// snapshots), labelled by the holdout of `horizonDays` after each cut-off.
    case transactions(path: String, columns: TransactionColumns, cutoffs: [CalendarDay], horizonDays: Int, badRows: BadRowPolicy)
    /// A table with one row per customer and a label column.
    case table(path: String, labelColumn: String, positiveLabel: String, idColumn: String?, sampleWeightColumn: String?)

    public var path: String {
        switch self {
        case let .transactions(path, _, _, _, _), let .table(path, _, _, _, _): return path
        }
    }
}

/// Feature rows ready for training, with what the model must remember about how they were made.
public struct TrainingData: Sendable {
    public var table: FeatureTable
    public var inputKind: FeatureSpec.InputKind
    public var transactions: TransactionFeatureSpec?
    public var encoding: TableEncoding?
    /// The customer of each row, for splits that keep a customer's snapshots together.
    public var groups: [String]
    /// The cut-off index of each row (0 for tables), for out-of-time splits.
    public var snapshot: [Int]
    public var sha256: String
    /// The table as read, for refitting fills inside cross-validation folds (table sources).
    public var raw: RawTable?
}

/// A full training recipe: data, inputs and hyper-parameters → a ``ChurnModel``.
public struct TrainingRecipe: Sendable {
    public var source: TrainingSource
    /// nil: every feature column as it is.
    public var inputs: [ModelInput]?
    public var settings: LogisticRegressionSettings
    public var modelName: String
    /// nil: the linear model; otherwise learned shapes (and pairs), see ``AdditiveTrainer``.
    public var additive: AdditiveSettings?

    public init(source: TrainingSource, inputs: [ModelInput]? = nil, settings: LogisticRegressionSettings = LogisticRegressionSettings(),
                modelName: String = "churn", additive: AdditiveSettings? = nil) {
        self.additive = additive
        self.source = source
        self.inputs = inputs
        self.settings = settings
        self.modelName = modelName
    }

    /// Reads the source and builds the feature rows.
    public func loadData(progress: ProgressReporter = .silent) throws -> TrainingData {
        let sha = try SHA256.hexDigest(ofFile: source.path)
        switch source {
        case let .transactions(path, columns, cutoffs, horizonDays, badRows):
            guard !cutoffs.isEmpty else { throw FeatureError.invalidOption("at least one cut-off is needed") }
            var builder = TransactionFeatureBuilder(columns: columns, badRows: badRows)
            var stacked: FeatureTable? = nil
            var snapshot: [Int] = []
            var gap: Double? = nil
            // The latest cut-off fixes the reference gap; earlier snapshots reuse it, so every row
            // has the feature definition the model stores.
            for (index, cutoff) in cutoffs.enumerated().sorted(by: { $0.element > $1.element }) {
                builder.referenceGapDays = gap
                let result = try builder.build(path: path, cutoff: cutoff, horizonDays: horizonDays, progress: progress)
                if let last = result.ingestion.lastDay, let holdoutEnd = result.window.holdoutEnd, holdoutEnd > last {
                    throw FeatureError.invalidOption("the holdout of cut-off \(cutoff) ends on \(holdoutEnd), after the last date in \(path) (\(last)): every customer would look churned; use an earlier cut-off or a shorter horizon")
                }
                gap = gap ?? result.referenceGapDays
                if stacked == nil { stacked = result.table } else { stacked!.append(result.table) }
                snapshot += [Int](repeating: index, count: result.table.rowCount)
            }
            let table = stacked!
            let spec = TransactionFeatureSpec(columns: columns, trainingCutoffs: cutoffs.sorted(), horizonDays: horizonDays,
                                              referenceGapDays: gap!,
                                              definitions: Dictionary(uniqueKeysWithValues: TransactionFeature.allCases.map { ($0.name, $0.definition) }))
            return TrainingData(table: table, inputKind: .transactions, transactions: spec, encoding: nil,
                                groups: table.customerIDs, snapshot: snapshot, sha256: sha, raw: nil)
        case let .table(path, labelColumn, positiveLabel, idColumn, weightColumn):
            let raw = try RawTable.read(path: path)
            let encoding = try TableEncoding.fit(raw, labelColumn: labelColumn, positiveLabel: positiveLabel, idColumn: idColumn,
                                                 sampleWeightColumn: weightColumn)
            let encoded = try encoding.encode(raw, requireLabel: true)
            return TrainingData(table: encoded.table, inputKind: .table, transactions: nil, encoding: encoding,
                                groups: encoded.table.customerIDs, snapshot: [Int](repeating: 0, count: raw.rowCount), sha256: sha, raw: raw)
        }
    }

    /// Training data of the rows `training` and the feature table of the rows `test`, with
    /// nothing fitted on the test rows: a table source refits its median fills on the training rows.
    public func split(_ data: TrainingData, training: [Int], test: [Int]) throws -> (TrainingData, FeatureTable) {
        var trainData = data
        guard let raw = data.raw, let encoding = data.encoding else {
            trainData.table = data.table.rows(training)
            trainData.groups = training.map { data.groups[$0] }
            trainData.snapshot = training.map { data.snapshot[$0] }
            return (trainData, data.table.rows(test))
        }
        let refitted = encoding.refittingFills(raw, rows: training)
        let encoded = try refitted.encode(raw, requireLabel: true).table
        trainData.encoding = refitted
        trainData.table = encoded.rows(training)
        trainData.groups = training.map { data.groups[$0] }
        trainData.snapshot = training.map { data.snapshot[$0] }
        return (trainData, encoded.rows(test))
    }

    /// The labelled feature table of this recipe's source, built the way `model` expects (its
    /// reference gap or its table encoding), for evaluating an existing model.
    public func featureTable(for model: ChurnModel, progress: ProgressReporter = .silent) throws -> FeatureTable {
        switch source {
        case let .transactions(path, columns, cutoffs, horizonDays, badRows):
            let builder = TransactionFeatureBuilder(columns: columns, badRows: badRows,
                                                    referenceGapDays: model.featureSpec.transactions?.referenceGapDays)
            var stacked: FeatureTable? = nil
            for cutoff in cutoffs {
                let table = try builder.build(path: path, cutoff: cutoff, horizonDays: horizonDays, progress: progress).table
                if stacked == nil { stacked = table } else { stacked!.append(table) }
            }
            return stacked!
        case let .table(path, labelColumn, _, _, _):
            guard var encoding = model.featureSpec.table else {
                throw ModelInputMismatch(file: path, missing: ["(a transaction log: this model was trained on one)"], extra: [])
            }
            encoding.labelColumn = labelColumn
            return try encoding.encode(RawTable.read(path: path), requireLabel: true).table
        }
    }

    /// The model inputs for this data: the recipe's, or the default (``TransactionFeature/defaultInputs``
    /// for a transaction log, every encoded column for a table).
    public func resolvedInputs(for data: TrainingData) -> [ModelInput] {
        if let inputs { return inputs }
        return data.inputKind == .transactions ? TransactionFeature.defaultInputs : data.table.columnNames.map { ModelInput(column: $0) }
    }

    /// Fits on all rows of `data` (or the rows listed) and assembles the model file value.
    public func fit(_ data: TrainingData, rows: [Int]? = nil) throws -> (model: ChurnModel, report: TrainingReport) {
        let table = rows.map { data.table.rows($0) } ?? data.table
        if let additive { return try fitAdditive(data, table: table, settings: additive) }
        let inputs = resolvedInputs(for: data)
        let design = try ModelInput.designMatrix(inputs, from: table)
        guard let labels = table.labels else { throw FeatureError.invalidOption("the training data has no label") }
        let fit = try LogisticRegression.fit(design, inputNames: inputs.map(\.name), labels: labels, sampleWeights: table.sampleWeights,
                                             settings: settings)
        let keptInputs = inputs.filter { fit.inputNames.contains($0.name) }
        let q = keptInputs.count
        let coefficients = (0..<q).map { j in
            ChurnModel.Coefficient(input: keptInputs[j].name, standardized: fit.coefficients[j], original: fit.originalCoefficients[j],
                                   standardError: fit.inference?.standardErrors[j], zValue: fit.inference?.zValues[j],
                                   pValue: fit.inference?.pValues[j], lower95: fit.inference?.lower95[j], upper95: fit.inference?.upper95[j],
                                   originalStandardError: fit.originalInference?.standardErrors[j])
        }
        let interceptError = settings.fitIntercept ? fit.inference?.standardErrors[q] : nil
        let solver = fit.report.solver
        let spec = FeatureSpec(inputKind: data.inputKind, transactions: data.transactions, table: data.encoding, inputs: keptInputs,
                               droppedInputs: fit.droppedInputs)
        var model = ChurnModel(
            formatVersion: ChurnModel.currentFormatVersion, modelType: ChurnModel.logisticRegressionType, modelID: "",
            churnkitVersion: ChurnKitVersion.current, createdAt: ISO8601DateFormatter().string(from: Date()),
            featureSpec: spec, standardizer: fit.standardizer, coefficients: coefficients,
            intercept: .init(standardized: fit.intercept, original: fit.originalIntercept, standardError: interceptError),
            hyperParameters: .init(solver: solver, C: settings.C, l1Ratio: settings.l1Ratio, classWeight: settings.classWeight,
                                   fitIntercept: settings.fitIntercept, standardize: settings.standardize,
                                   maxIter: settings.solverSettings.maxIterations, tol: settings.solverSettings.tolerance,
                                   seed: settings.solverSettings.seed, usesSampleWeights: table.sampleWeights != nil),
            trainingReport: fit.report,
            trainingData: .init(file: (source.path as NSString).lastPathComponent, sha256: data.sha256, rows: table.rowCount,
                                positives: Int(labels.reduce(0, +))),
            evaluation: nil, evaluationKind: nil,
            inputRanges: keptInputs.map { input in
                let j = inputs.firstIndex(of: input)!
                var range = ChurnModel.InputRange(minimum: .infinity, maximum: -.infinity)
                for i in 0..<design.rows {
                    range.minimum = min(range.minimum, design[i, j])
                    range.maximum = max(range.maximum, design[i, j])
                }
                return range
            })
        let identity = coefficients.map { "\($0.input)=\($0.standardized)" }.joined(separator: ";") + ";\(fit.intercept)"
        model.modelID = "\(modelName)-" + String(SHA256.hexDigest(of: Array(identity.utf8)).prefix(12))
        return (model, fit.report)
    }
}
