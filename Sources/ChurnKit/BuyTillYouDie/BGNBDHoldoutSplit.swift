/// A transaction log split at a cut-off for ``BGNBDFitChecks``: each customer's calibration row
/// (`frequency`, `recency`, `T` as of the cut-off) and the purchase days each made in the
/// `holdoutDays` after it — lifetimes' `calibration_and_holdout_data`.
///
/// Holdout purchases are counted as the customer's purchase days up to `cutoff + holdoutDays`
/// minus those up to the cut-off (both as ``TransactionFeatureBuilder`` counts them: one per
/// distinct day), so they mean what `frequency` means.
public struct BGNBDHoldoutSplit: Sendable {
    /// One row per customer with a purchase on or before the cut-off.
    public var calibration: FeatureTable
    /// The last day of the calibration period.
    public var cutoff: CalendarDay
    /// Per calibration row; nil without a holdout.
    public var holdoutPurchases: [Double]?
    /// The length of the holdout, `(cutoff, cutoff + holdoutDays]`; nil without a holdout.
    public var holdoutDays: Int?

    /// `holdoutPurchases` (one per calibration row) and `holdoutDays` are both given or both nil.
    public init(calibration: FeatureTable, cutoff: CalendarDay, holdoutPurchases: [Double]? = nil, holdoutDays: Int? = nil) {
        precondition((holdoutPurchases == nil) == (holdoutDays == nil), "holdout purchases and holdout days come together")
        if let holdoutPurchases {
            precondition(holdoutPurchases.count == calibration.rowCount, "\(holdoutPurchases.count) holdout counts for \(calibration.rowCount) customers")
        }
        self.calibration = calibration
        self.cutoff = cutoff
        self.holdoutPurchases = holdoutPurchases
        self.holdoutDays = holdoutDays
    }

    /// Reads the log at `path` twice: as of `cutoff` and, with `holdoutDays`, as of
    /// `cutoff + holdoutDays`. Throws when that holdout runs past the log's last date.
    public static func read(_ source: FeatureSource, modelColumns: TransactionColumns? = nil, cutoff: CalendarDay, holdoutDays: Int?,
                            progress: ProgressReporter = .silent) throws -> BGNBDHoldoutSplit {
        // With the horizon the builder refuses a holdout past the log's end; the labels are unused.
        let calibration = try source.transactionFeatures(asOf: cutoff, horizonDays: holdoutDays, modelColumns: modelColumns,
                                                         progress: progress).table
        guard let holdoutDays else { return BGNBDHoldoutSplit(calibration: calibration, cutoff: cutoff) }
        let later = try source.transactionFeatures(asOf: cutoff.adding(days: holdoutDays), horizonDays: nil, modelColumns: modelColumns,
                                                   progress: progress).table
        let name = TransactionFeature.frequency.name
        guard let laterColumn = later.column(name), let frequency = calibration.column(name) else {
            throw FeatureError.unknownColumn(name, available: calibration.columnNames)
        }
        var laterFrequency: [String: Double] = [:]
        laterFrequency.reserveCapacity(later.rowCount)
        for i in 0..<later.rowCount { laterFrequency[later.customerIDs[i]] = laterColumn[i] }
        let holdout = (0..<calibration.rowCount).map { (laterFrequency[calibration.customerIDs[$0]] ?? frequency[$0]) - frequency[$0] }
        return BGNBDHoldoutSplit(calibration: calibration, cutoff: cutoff, holdoutPurchases: holdout, holdoutDays: holdoutDays)
    }

    /// lifetimes' two fit checks of `parameters` on this split (the calibration-vs-holdout table
    /// only with a holdout).
    public func fitChecks(parameters: BGNBDParameters) throws -> BGNBDFitChecks {
        let (frequency, recency, T) = try BuyTillYouDieModel.columns(of: calibration)
        return BGNBDFitChecks(parameters: parameters, frequency: frequency, recency: recency, T: T,
                              holdoutPurchases: holdoutPurchases, holdoutDays: holdoutDays.map(Double.init))
    }
}
