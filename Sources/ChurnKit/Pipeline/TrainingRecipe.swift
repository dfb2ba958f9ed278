import Foundation

/// A full training recipe: data, inputs and hyper-parameters → a ``ChurnModel``.
///
/// Transactions (a log or in memory) give one row per customer per cut-off of `schedule`, each
/// labelled churned when the customer bought nothing in the `horizonDays` after it; a labelled
/// table gives one row per customer and ignores the schedule.
public struct TrainingRecipe: Sendable {
    /// Where the rows come from.
    public var source: FeatureSource
    /// The cut-offs of transaction snapshots (ignored for tables).
    public var schedule: SnapshotSchedule
    /// The holdout after each cut-off; needed for transactions.
    public var horizonDays: Int?
    /// nil: every feature column as it is.
    public var inputs: [ModelInput]?
    /// The solver, penalty and weights of the fit.
    public var settings: LogisticRegressionSettings
    /// The model id's prefix.
    public var modelName: String
    /// nil: the linear model; otherwise learned shapes (and pairs), see ``AdditiveTrainer``.
    public var additive: AdditiveSettings?

    /// The kind of terms this recipe fits, for what the commands print about it.
    public var termsKind: TermsKind { additive?.kind ?? .linear }

    /// A recipe on `source`; transactions need `horizonDays`, and take their cut-offs from `schedule`.
    public init(source: FeatureSource, schedule: SnapshotSchedule = .latest, horizonDays: Int? = nil, inputs: [ModelInput]? = nil,
                settings: LogisticRegressionSettings = LogisticRegressionSettings(), modelName: String = "churn",
                additive: AdditiveSettings? = nil) {
        self.source = source
        self.schedule = schedule
        self.horizonDays = horizonDays
        self.inputs = inputs
        self.settings = settings
        self.modelName = modelName
        self.additive = additive
    }

    /// The horizon of a transaction source; throws when it is missing.
    func requiredHorizon() throws -> Int {
        guard let horizonDays else {
            throw ParameterError(parameter: "horizon_days", value: "none", allowed: "a number of days after each cut-off (labels come from it)")
        }
        return horizonDays
    }

    /// The schedule's cut-offs for this source (reading the dates only when the schedule needs
    /// them). `modelColumns`: a model's log columns, used when the source names none.
    public func resolvedCutoffs(modelColumns: TransactionColumns? = nil) throws -> [CalendarDay] {
        let horizon = try requiredHorizon()
        if case let .transactionLog(path, _, _, _) = source, TrainingTableFile.isTrainingTable(path: path) {
            let given: [CalendarDay]
            switch schedule {
            case let .cutoff(day): given = [day]
            case let .cutoffs(days): given = days
            case .latest, .every: given = []
            }
            guard given.count == 1 else {
                throw FeatureError.invalidOption("\(path) is a training table (one cut-off): give the single cut-off it was computed at, not \(given.isEmpty ? "a schedule that reads dates" : "\(given.count) cut-offs")")
            }
            return given
        }
        return try schedule.cutoffs(horizonDays: horizon) { try source.dateRange(modelColumns: modelColumns) }
    }

    /// Reads the source and builds the feature rows. A file's SHA-256 is taken from the bytes the
    /// first full pass reads (never by reading the file again: it may be a pipe); in-memory data
    /// is digested as text.
    public func loadData(progress: ProgressReporter = .silent) throws -> TrainingData {
        switch source {
        case .transactionLog, .transactions:
            return try loadTransactions(progress: progress)
        case .table, .rawTable:
            let digest = ContentDigest()
            let (raw, encoding, table) = try source.fitEncoding(digest: digest)
            let sha256: String
            if case .rawTable = source { sha256 = Self.digest(raw) } else { sha256 = try Self.finished(digest, source: source) }
            return TrainingData(table: table, inputKind: .table, transactions: nil, encoding: encoding, groups: table.customerIDs,
                                snapshot: [Int](repeating: 0, count: raw.rowCount), sha256: sha256, raw: raw)
        }
    }

    private func loadTransactions(progress: ProgressReporter) throws -> TrainingData {
        let horizonDays = try requiredHorizon()
        let cutoffs = try resolvedCutoffs()
        let digest = ContentDigest()
        if case let .transactionLog(path, _, _, _) = source, TrainingTableFile.isTrainingTable(path: path) {
            return try loadTrainingTable(path: path, cutoff: cutoffs[0], horizonDays: horizonDays, digest: digest)
        }
        var stacked: FeatureTable? = nil
        var snapshot: [Int] = []
        var gap: Double? = nil
        // The latest cut-off fixes the reference gap; earlier snapshots reuse it, so every row
        // has the feature definition the model stores. Bad rows are written to the rejects file
        // by the first pass only.
        for (pass, (index, cutoff)) in cutoffs.enumerated().sorted(by: { $0.element > $1.element }).enumerated() {
            let result = try source.transactionFeatures(asOf: cutoff, horizonDays: horizonDays, referenceGapDays: gap, modelColumns: nil,
                                                        writesRejects: pass == 0, digest: digest, progress: progress)
            gap = gap ?? result.referenceGapDays
            if stacked == nil { stacked = result.table } else { stacked!.append(result.table) }
            snapshot += [Int](repeating: index, count: result.table.rowCount)
        }
        let table = stacked!
        let sha256: String
        if case let .transactions(transactions) = source { sha256 = TransactionListReader.digest(transactions) } else { sha256 = try Self.finished(digest, source: source) }
        return TrainingData(table: table, inputKind: .transactions, transactions: spec(cutoffs: cutoffs, horizonDays: horizonDays, gap: gap!),
                            encoding: nil, groups: table.customerIDs, snapshot: snapshot, cutoffs: cutoffs, sha256: sha256, raw: nil)
    }

    /// `hasAmounts` false: a training table without the spend columns (from a log without amounts).
    private func spec(cutoffs: [CalendarDay], horizonDays: Int, gap: Double, hasAmounts: Bool = true) -> TransactionFeatureSpec {
        var columns = source.resolvedColumns(modelColumns: nil)
        if !hasAmounts { columns.amount = nil }
        return TransactionFeatureSpec(columns: columns, trainingCutoffs: cutoffs.sorted(), horizonDays: horizonDays,
                                      referenceGapDays: gap, definitions: TransactionFeature.definitions(withAmounts: columns.hasAmounts))
    }

    private static func finished(_ digest: ContentDigest, source: FeatureSource) throws -> String {
        guard let hex = digest.hexDigest else { throw FileAccessError.cannotRead(path: source.name, reason: "the input was not read to its end") }
        return hex
    }

    /// SHA-256 of an in-memory table written as CSV.
    private static func digest(_ raw: RawTable) -> String {
        let lines = ([raw.header] + raw.cells).map { $0.map(CSVText.quoted).joined(separator: ",") }
        return ContentDigest.hex(of: Array((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// A training table (``TrainingTableFile``) in place of the log it was computed from: the
    /// cut-off and horizon it was made with are the recipe's, and go into the feature spec.
    private func loadTrainingTable(path: String, cutoff: CalendarDay, horizonDays: Int, digest: ContentDigest) throws -> TrainingData {
        let (table, gap, hasAmounts) = try TrainingTableFile.read(path: path, digest: digest)
        return TrainingData(table: table, inputKind: .transactions,
                            transactions: spec(cutoffs: [cutoff], horizonDays: horizonDays, gap: gap, hasAmounts: hasAmounts),
                            encoding: nil, groups: table.customerIDs, snapshot: [Int](repeating: 0, count: table.rowCount), cutoffs: [cutoff],
                            sha256: try Self.finished(digest, source: source), raw: nil)
    }

    /// Training data of the rows `training` and the feature table of the rows `test`, with
    /// nothing fitted on the test rows: a table source refits its median fills and text levels on
    /// the training rows (``TableEncoding/refitted(_:rows:minLevelRows:)``).
    public func split(_ data: TrainingData, training: [Int], test: [Int]) throws -> (TrainingData, FeatureTable) {
        var trainData = data
        guard let raw = data.raw, let encoding = data.encoding else {
            trainData.table = data.table.rows(training)
            trainData.groups = training.map { data.groups[$0] }
            trainData.snapshot = training.map { data.snapshot[$0] }
            return (trainData, data.table.rows(test))
        }
        // Levels are re-pooled per fold unless the recipe names encoded inputs, which every fold must have.
        let refitted = encoding.refitted(raw, rows: training, minLevelRows: inputs == nil ? source.tableColumns?.typing.minLevelRows : nil)
        let encoded = try refitted.encode(raw, requireLabel: true).table
        trainData.encoding = refitted
        trainData.table = encoded.rows(training)
        trainData.groups = training.map { data.groups[$0] }
        trainData.snapshot = training.map { data.snapshot[$0] }
        return (trainData, encoded.rows(test))
    }

    /// The labelled feature rows of this recipe's source, built the way `model` expects (its log
    /// columns unless the source names its own, its reference gap, or its table encoding), for
    /// evaluating an existing model; with the cut-off of each row for transactions (nil for tables).
    public func featureTable(for model: ChurnModel, progress: ProgressReporter = .silent) throws -> (table: FeatureTable, cutoffs: [CalendarDay]?) {
        guard source.hasTransactions else {
            guard let encoding = model.featureSpec.table else {
                throw ModelInputMismatch(file: source.name, missing: ["(a transaction log: this model was trained on one)"], extra: [])
            }
            return (try source.labelledEncoding(encoding).encode(source.rawTable(digest: nil), requireLabel: true).table, nil)
        }
        let spec = model.featureSpec.transactions
        let horizonDays = try requiredHorizon()
        let cutoffs = try resolvedCutoffs(modelColumns: spec?.columns)
        var stacked: FeatureTable? = nil
        var rowCutoffs: [CalendarDay] = []
        for (pass, cutoff) in cutoffs.enumerated() {
            let table = try source.transactionFeatures(asOf: cutoff, horizonDays: horizonDays, referenceGapDays: spec?.referenceGapDays,
                                                       modelColumns: spec?.columns, writesRejects: pass == 0, digest: nil, progress: progress).table
            rowCutoffs += Array(repeating: cutoff, count: table.rowCount)
            if stacked == nil { stacked = table } else { stacked!.append(table) }
        }
        return (stacked!, rowCutoffs)
    }

    /// The model inputs for this data: the recipe's, or the default (``TransactionFeature/defaultInputs``
    /// for a transaction log, every encoded column for a table).
    public func resolvedInputs(for data: TrainingData) -> [ModelInput] {
        if let inputs { return inputs }
        guard data.inputKind == .transactions else { return data.table.columnNames.map { ModelInput(column: $0) } }
        return TransactionFeature.defaultInputs(withAmounts: data.transactions?.columns.hasAmounts ?? true)
    }
}
