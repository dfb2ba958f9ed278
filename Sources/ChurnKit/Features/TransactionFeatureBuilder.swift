import Foundation

/// Turns a transaction log into one feature row per customer as of a cut-off, with churn labels
/// when a holdout horizon is given.
///
/// Customers are those with at least one purchase on or before the cut-off; their row order is
/// the order in which they first appear in the file. See ``TransactionFeature`` for every column.
public struct TransactionFeatureBuilder: Sendable {
    /// Which columns of the log hold the id, date and amount, and how dates read.
    public var columns: TransactionColumns
    /// Stop at the first bad row, or skip bad rows up to a limit.
    public var badRows: BadRowPolicy
    /// Where skipped rows are copied verbatim, if anywhere.
    public var rejectsPath: String?
    /// The one-time buyers' gap for `overdue_ratio`; nil estimates it from the data (training).
    public var referenceGapDays: Double?
    /// Receives the file's bytes during the main pass (the training data's SHA-256).
    public var digest: ContentDigest?

    /// A builder; the defaults read `customer_id,date,amount` and stop at the first bad row.
    public init(columns: TransactionColumns = TransactionColumns(), badRows: BadRowPolicy = .fail,
                rejectsPath: String? = nil, referenceGapDays: Double? = nil) {
        self.columns = columns
        self.badRows = badRows
        self.rejectsPath = rejectsPath
        self.referenceGapDays = referenceGapDays
    }

    /// Builds the table from the log at `path` (`-`: standard input). `cutoff` nil means the last
    /// date in the file (minus `horizonDays` when labelling, so the holdout is observed): found by
    /// one extra quick pass, or, for a log whose end is in date order and no horizon, guessed from
    /// its last rows and checked by the feature pass itself (`LastDayGuess`).
    public func build(path: String, cutoff: CalendarDay?, horizonDays: Int?,
                      progress: ProgressReporter = .silent) throws -> TransactionFeatureResult {
        try build(from: .log(path: path, columns: columns, badRows: badRows, rejectsPath: rejectsPath), cutoff: cutoff,
                  horizonDays: horizonDays, progress: progress)
    }

    /// Builds the table from a log or from transactions in memory (``FeatureSource``'s way in):
    /// both feed the same accumulator.
    func build(from feed: TransactionFeed, cutoff: CalendarDay?, horizonDays: Int?,
               progress: ProgressReporter) throws -> TransactionFeatureResult {
        if let horizonDays { try ParameterCheck.integer(horizonDays, "horizon_days", in: 1...ParameterCheck.maximumDays) }
        // Features as of the last date need that date before the pass (the windows end there).
        // A guess from the log's tail saves the separate date pass; the pass itself finds the
        // true last date, and a wrong guess is rebuilt with it, so the result never depends on
        // the guess. (Not with a digest: it must see the bytes of exactly one pass.)
        if cutoff == nil, horizonDays == nil, digest == nil, let guess = feed.likelyLastDay() {
            let guessed = CalendarDay(daysSinceEpoch: guess)
            let seen: CalendarDay?
            do {
                let first = try build(from: feed, resolvedCutoff: guessed, horizonDays: nil, firstPass: true, progress: progress)
                seen = first.summary.lastDay
                if seen == guessed { return try first.assembled(self) }
            }   // a wrong guess: its state is released before the rebuild
            guard let last = seen else { throw IngestionError.noRows(file: feed.displayName) }
            return try build(from: feed, resolvedCutoff: last, horizonDays: nil, firstPass: false, progress: progress).assembled(self)
        }
        // With a horizon, the default cut-off leaves the holdout inside the log (as training's does).
        let resolvedCutoff = try cutoff ?? feed.dateRange().upperBound.adding(days: -(horizonDays ?? 0))
        return try build(from: feed, resolvedCutoff: resolvedCutoff, horizonDays: horizonDays, firstPass: true, progress: progress).assembled(self)
    }

    /// The state after reading a log for one cut-off, before it becomes the feature table.
    private struct Pass {
        var accumulator: CustomerActivityAccumulator
        let customers: CustomerIndex
        let window: ObservationWindow
        let summary: IngestionSummary
        let passes: Int
        let path: String
        let hasAmounts: Bool

        consuming func assembled(_ builder: TransactionFeatureBuilder) throws -> TransactionFeatureResult {
            customers.releaseLookupTable()
            return try builder.assemble(&accumulator, customers: customers, window: window, summary: summary, passes: passes,
                                        path: path, hasAmounts: hasAmounts)
        }
    }

    /// Reads `feed` for `resolvedCutoff`, with the recount pass for customers out of date order.
    /// `firstPass` false: the log was read before (a wrong guess of the last date), so bad rows
    /// were reported and the rejects written then.
    private func build(from feed: TransactionFeed, resolvedCutoff: CalendarDay, horizonDays: Int?, firstPass: Bool,
                       progress: ProgressReporter) throws -> Pass {
        let customers = CustomerIndex()
        let window = ObservationWindow(cutoff: resolvedCutoff, horizonDays: horizonDays)
        var accumulator = CustomerActivityAccumulator(window: window)
        if let bytes = feed.sizeInBytes {
            let reserved = accumulator.reserve(forFileBytes: bytes, physicalMemory: ProcessInfo.processInfo.physicalMemory)
            customers.reserve(customers: reserved, idBytes: min(bytes, reserved * 16))
        }
        let lastRelevant = window.holdoutEnd?.daysSinceEpoch ?? window.cutoff.daysSinceEpoch
        let summary = try feed.read(into: &accumulator, customers: customers, lastRelevantDay: lastRelevant, firstPass: firstPass,
                                    digest: digest, progress: progress)
        // A holdout running past the log's end would label every customer churned: refuse it here,
        // where every labelled table (features, training, evaluation, snapshots, backtests) is built.
        if let last = summary.lastDay, let holdoutEnd = window.holdoutEnd, holdoutEnd > last {
            throw FeatureError.invalidOption("the holdout of cut-off \(window.cutoff) ends on \(holdoutEnd), after the last date in \(feed.displayName) (\(last)): every customer would look churned; use an earlier cut-off or a shorter horizon")
        }
        var passes = 1
        if accumulator.outOfOrderCount > 0 {
            passes = 2
            var collector = OutOfOrderDayCollector(cutoff: window.cutoff.daysSinceEpoch, flagged: accumulator.outOfOrderFlags)
            try feed.read(into: &collector, customers: customers, lastRelevantDay: window.cutoff.daysSinceEpoch, firstPass: false)
            for (customer, days) in collector.days {
                accumulator.recount(customer: customer, sortedUniqueDays: Array(Set(days)).sorted())
            }
        }
        return Pass(accumulator: accumulator, customers: customers, window: window, summary: summary, passes: passes,
                    path: feed.displayName, hasAmounts: feed.hasAmounts)
    }

    /// Turns the accumulator's records into the feature table, row after row in the same array:
    /// row k (the k-th present customer) is written over record c ≥ k after record c was read,
    /// so the table never exists beside the records (1M customers: 128 MB instead of 256).
    fileprivate func assemble(_ accumulator: inout CustomerActivityAccumulator, customers: CustomerIndex, window: ObservationWindow,
                          summary: IngestionSummary, passes: Int, path: String, hasAmounts: Bool) throws -> TransactionFeatureResult {
        let customerCount = accumulator.customerCount
        let gap: Double
        var presentCount = 0
        if let given = referenceGapDays {
            gap = given
            for c in 0..<customerCount where accumulator.activity(c).isPresent { presentCount += 1 }
        } else {
            var sum = 0.0, count = 0
            for c in 0..<customerCount {
                let a = accumulator.activity(c)
                guard a.isPresent else { continue }
                presentCount += 1
                if a.purchaseDays > 1 {
                    sum += Double(a.lastDay - a.firstDay) / Double(a.purchaseDays - 1)
                    count += 1
                }
            }
            gap = count > 0 ? sum / Double(count) : 1.0
        }
        guard presentCount > 0 else { throw FeatureError.noCustomers(cutoff: window.cutoff, file: path) }

        let width = CustomerActivityAccumulator.stride
        var values = accumulator.takeRecords()
        var labels: [Double]? = window.horizonDays == nil ? nil : []
        labels?.reserveCapacity(presentCount)
        var ids: [String] = []
        ids.reserveCapacity(presentCount)
        var oneTimeBuyers = 0
        let cutoff = window.cutoff.daysSinceEpoch
        try values.withUnsafeMutableBufferPointer { buffer in
            let storage = buffer.baseAddress!
            var row = 0
            for c in 0..<customerCount {
                let a = CustomerActivity(storage + c * width)
                guard a.isPresent else { continue }
                if a.purchaseDays == 1 { oneTimeBuyers += 1 }
                let out = storage + row * width
                TransactionFeatureBuilder.writeRow(a, cutoff: cutoff, referenceGap: gap, into: out)
                for j in 0..<width where !out[j].isFinite {
                    throw FeatureError.nonFiniteFeature(file: path, customer: customers.id(c), column: TransactionFeature.allCases[j].name, value: out[j])
                }
                labels?.append(a.boughtInHoldout ? 0 : 1)
                ids.append(customers.id(c))
                row += 1
            }
        }
        values.removeLast(values.count - presentCount * width)
        var table = FeatureTable(columnNames: TransactionFeature.allCases.map(\.name), customerIDs: ids, values: values, labels: labels)
        if !hasAmounts {
            // Spend columns of a log without amounts would be constant zeros that look like data.
            table = try table.selecting(TransactionFeature.available(withAmounts: false).map(\.name))
        }
        return TransactionFeatureResult(table: table, window: window, ingestion: summary, referenceGapDays: gap,
                                        oneTimeBuyers: oneTimeBuyers, passes: passes)
    }

    /// One customer's feature row, in ``TransactionFeature`` order.
    private static func writeRow(_ a: CustomerActivity, cutoff: Int32, referenceGap gap: Double, into out: UnsafeMutablePointer<Double>) {
        let frequency = Double(a.purchaseDays - 1)
        let recency = Double(a.lastDay - a.firstDay)
        let age = Double(cutoff - a.firstDay)
        let daysSinceLast = age - recency
        let meanGap = frequency > 0 ? recency / frequency : 0
        let trendScale = abs(a.spend90) + abs(a.spendPrevious90)
        for (j, feature) in TransactionFeature.allCases.enumerated() {
            let value: Double
            switch feature {
            case .frequency: value = frequency
            case .recency: value = recency
            case .T: value = age
            case .monetaryValue: value = frequency > 0 ? a.repeatSpend / frequency : 0
            case .daysSinceLast: value = daysSinceLast
            case .transactionCount: value = Double(a.transactionCount)
            case .monetaryTotal: value = a.totalSpend
            case .meanGapDays: value = meanGap
            case .overdueRatio: value = daysSinceLast / (frequency > 0 ? meanGap : gap)
            case .purchases30d: value = Double(a.purchaseDays30)
            case .spend30d: value = a.spend30
            case .purchases90d: value = Double(a.purchaseDays90)
            case .spend90d: value = a.spend90
            case .purchases180d: value = Double(a.purchaseDays180)
            case .spend180d: value = a.spend180
            case .spendTrend90d: value = trendScale > 0 ? (a.spend90 - a.spendPrevious90) / trendScale : 0
            }
            out[j] = value
        }
    }
}
