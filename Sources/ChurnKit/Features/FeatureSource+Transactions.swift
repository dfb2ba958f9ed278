/// Transaction features of a source: one cut-off at a time, through ``TransactionFeatureBuilder``.
extension FeatureSource {
    /// One feature row per customer as of `cutoff` (nil: the last date in the data, minus the horizon when labelled), labelled when
    /// `horizonDays` is given. `referenceGapDays` nil estimates the one-time buyers' gap from the
    /// data (training); a model passes its own. `modelColumns` are the log's columns when the
    /// source names none (a model's stored columns; nil: the defaults).
    public func transactionFeatures(asOf cutoff: CalendarDay?, horizonDays: Int?, referenceGapDays: Double? = nil,
                                    modelColumns: TransactionColumns? = nil,
                                    progress: ProgressReporter = .silent) throws -> TransactionFeatureResult {
        try transactionFeatures(asOf: cutoff, horizonDays: horizonDays, referenceGapDays: referenceGapDays, modelColumns: modelColumns,
                                writesRejects: true, digest: nil, progress: progress)
    }

    /// As above; `writesRejects` false for a second pass over the same log (the first wrote them),
    /// `digest` receives the bytes of a log.
    func transactionFeatures(asOf cutoff: CalendarDay?, horizonDays: Int?, referenceGapDays: Double?, modelColumns: TransactionColumns?,
                             writesRejects: Bool, digest: ContentDigest?, progress: ProgressReporter) throws -> TransactionFeatureResult {
        var builder = TransactionFeatureBuilder(referenceGapDays: referenceGapDays)
        builder.digest = digest
        return try builder.build(from: feed(modelColumns: modelColumns, writesRejects: writesRejects), cutoff: cutoff,
                                 horizonDays: horizonDays, progress: progress)
    }

    /// The first and last dates of the transactions (a quick pass over a log).
    func dateRange(modelColumns: TransactionColumns? = nil) throws -> ClosedRange<CalendarDay> {
        try feed(modelColumns: modelColumns, writesRejects: false).dateRange()
    }

    /// The columns a log is read with: its own, else the model's, else the defaults.
    func resolvedColumns(modelColumns: TransactionColumns?) -> TransactionColumns {
        transactionColumns ?? modelColumns ?? TransactionColumns()
    }

    func feed(modelColumns: TransactionColumns?, writesRejects: Bool) throws -> TransactionFeed {
        switch self {
        case let .transactionLog(path, _, badRows, rejectsPath):
            return .log(path: path, columns: resolvedColumns(modelColumns: modelColumns), badRows: badRows,
                        rejectsPath: writesRejects ? rejectsPath : nil)
        case let .transactions(transactions):
            return .memory(transactions)
        case .table, .rawTable:
            throw FeatureError.invalidOption("\(name) is a labelled table (one row per customer), not transactions: transaction features need purchases")
        }
    }
}
