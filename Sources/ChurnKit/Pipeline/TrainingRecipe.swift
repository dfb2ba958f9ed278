import Foundation

/// Where training rows come from.
public enum TrainingSource: Sendable {
    /// A transaction log; one row per customer per cut-off (several cut-offs stack rolling
    /// snapshots), labelled by the holdout of `horizonDays` after each cut-off.
    case transactions(path: String, columns: TransactionColumns, cutoffs: [CalendarDay], horizonDays: Int, badRows: BadRowPolicy)
    /// A table with one row per customer and a label column.
    /// `typing` names negative label values and columns to keep as text (see ``TableEncoding``).
    case table(path: String, labelColumn: String, positiveLabel: String, idColumn: String?, sampleWeightColumn: String?,
               typing: TableTyping = TableTyping())

    public var path: String {
        switch self {
        case let .transactions(path, _, _, _, _), let .table(path, _, _, _, _, _): return path
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

    /// Reads the source and builds the feature rows. The file's SHA-256 is taken from the bytes
    /// the first full pass reads (never by reading the file again: it may be a pipe).
    public func loadData(progress: ProgressReporter = .silent) throws -> TrainingData {
        let digest = ContentDigest()
        func sha() throws -> String {
            guard let hex = digest.hexDigest else { throw FileAccessError.cannotRead(path: source.path, reason: "the input was not read to its end") }
            return hex
        }
        switch source {
        case let .transactions(path, columns, cutoffs, horizonDays, badRows):
            try Self.checkCutoffs(cutoffs)
            if TrainingTableFile.isTrainingTable(path: path) { return try loadTrainingTable(path: path, columns: columns, cutoffs: cutoffs, horizonDays: horizonDays, digest: digest) }
            var builder = TransactionFeatureBuilder(columns: columns, badRows: badRows)
            builder.digest = digest
            var stacked: FeatureTable? = nil
            var snapshot: [Int] = []
            var gap: Double? = nil
            // The latest cut-off fixes the reference gap; earlier snapshots reuse it, so every row
            // has the feature definition the model stores.
            for (index, cutoff) in cutoffs.enumerated().sorted(by: { $0.element > $1.element }) {
                builder.referenceGapDays = gap
                let result = try builder.build(path: path, cutoff: cutoff, horizonDays: horizonDays, progress: progress)
                gap = gap ?? result.referenceGapDays
                if stacked == nil { stacked = result.table } else { stacked!.append(result.table) }
                snapshot += [Int](repeating: index, count: result.table.rowCount)
            }
            let table = stacked!
            let spec = TransactionFeatureSpec(columns: columns, trainingCutoffs: cutoffs.sorted(), horizonDays: horizonDays,
                                              referenceGapDays: gap!,
                                              definitions: TransactionFeature.definitions(withAmounts: columns.hasAmounts))
            return TrainingData(table: table, inputKind: .transactions, transactions: spec, encoding: nil,
                                groups: table.customerIDs, snapshot: snapshot, sha256: try sha(), raw: nil)
        case let .table(path, labelColumn, positiveLabel, idColumn, weightColumn, typing):
            let raw = try RawTable.read(path: path, digest: digest)
            let encoding = try TableEncoding.fit(raw, labelColumn: labelColumn, positiveLabel: positiveLabel, idColumn: idColumn,
                                                 sampleWeightColumn: weightColumn, typing: typing)
            let encoded = try encoding.encode(raw, requireLabel: true)
            return TrainingData(table: encoded.table, inputKind: .table, transactions: nil, encoding: encoding,
                                groups: encoded.table.customerIDs, snapshot: [Int](repeating: 0, count: raw.rowCount), sha256: try sha(), raw: raw)
        }
    }

    /// Cut-offs must be given, distinct (a repeated one would train on the same rows twice, and
    /// grouped cross-validation would count them as one customer's two snapshots).
    public static let maximumCutoffs = 1000

    static func checkCutoffs(_ cutoffs: [CalendarDay]) throws {
        guard !cutoffs.isEmpty else { throw FeatureError.invalidOption("at least one cut-off is needed") }
        // Each cut-off is a pass over the log and a copy of every customer: a daily step over
        // centuries of dates would run for days, so the count is bounded.
        guard cutoffs.count <= maximumCutoffs else {
            throw ParameterError(parameter: "cutoffs", value: "\(cutoffs.count) cut-offs",
                                 allowed: "at most \(maximumCutoffs) cut-offs (snapshots); use a longer step or fewer dates")
        }
        var seen = Set<CalendarDay>()
        for cutoff in cutoffs where !seen.insert(cutoff).inserted {
            throw FeatureError.invalidOption("cut-off \(cutoff) is given twice; list each cut-off once")
        }
    }

    /// A training table (``TrainingTableFile``) in place of the log it was computed from: the
    /// cut-off and horizon it was made with are the recipe's, and go into the feature spec.
    private func loadTrainingTable(path: String, columns: TransactionColumns, cutoffs: [CalendarDay], horizonDays: Int,
                                   digest: ContentDigest) throws -> TrainingData {
        guard cutoffs.count == 1 else {
            throw FeatureError.invalidOption("\(path) is a training table (one cut-off); give the single --cutoff it was computed at, not \(cutoffs.count)")
        }
        let (table, gap, hasAmounts) = try TrainingTableFile.read(path: path, digest: digest)
        var columns = columns
        if !hasAmounts { columns.amount = nil }
        guard let sha256 = digest.hexDigest else { throw FileAccessError.cannotRead(path: path, reason: "the input was not read to its end") }
        let spec = TransactionFeatureSpec(columns: columns, trainingCutoffs: cutoffs, horizonDays: horizonDays, referenceGapDays: gap,
                                          definitions: TransactionFeature.definitions(withAmounts: columns.hasAmounts))
        return TrainingData(table: table, inputKind: .transactions, transactions: spec, encoding: nil, groups: table.customerIDs,
                            snapshot: [Int](repeating: 0, count: table.rowCount), sha256: sha256, raw: nil)
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
            try Self.checkCutoffs(cutoffs)
            let builder = TransactionFeatureBuilder(columns: columns, badRows: badRows,
                                                    referenceGapDays: model.featureSpec.transactions?.referenceGapDays)
            var stacked: FeatureTable? = nil
            for cutoff in cutoffs {
                let table = try builder.build(path: path, cutoff: cutoff, horizonDays: horizonDays, progress: progress).table
                if stacked == nil { stacked = table } else { stacked!.append(table) }
            }
            return stacked!
        case let .table(path, labelColumn, _, _, _, typing):
            guard var encoding = model.featureSpec.table else {
                throw ModelInputMismatch(file: path, missing: ["(a transaction log: this model was trained on one)"], extra: [])
            }
            encoding.labelColumn = labelColumn
            if let negatives = typing.negativeLabels { encoding.negativeLabels = negatives }
            return try encoding.encode(RawTable.read(path: path), requireLabel: true).table
        }
    }

    /// The model inputs for this data: the recipe's, or the default (``TransactionFeature/defaultInputs``
    /// for a transaction log, every encoded column for a table).
    public func resolvedInputs(for data: TrainingData) -> [ModelInput] {
        if let inputs { return inputs }
        guard data.inputKind == .transactions else { return data.table.columnNames.map { ModelInput(column: $0) } }
        return TransactionFeature.defaultInputs(withAmounts: data.transactions?.columns.hasAmounts ?? true)
    }
}
