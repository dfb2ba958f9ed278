/// What ``TransactionFeatureBuilder`` produced, with the facts a summary or a model needs.
public struct TransactionFeatureResult: Sendable {
    public var table: FeatureTable
    public var window: ObservationWindow
    public var ingestion: IngestionSummary
    /// The gap used for one-time buyers' `overdue_ratio` (see ``TransactionFeature/overdueRatio``).
    public var referenceGapDays: Double
    public var oneTimeBuyers: Int
    /// 1 normally; 2 when some customer's rows were out of date order and needed a recount.
    public var passes: Int

    public var churnRate: Double? {
        guard let labels = table.labels, !labels.isEmpty else { return nil }
        return labels.reduce(0, +) / Double(labels.count)
    }
}

/// Turns a transaction log into one feature row per customer as of a cut-off, with churn labels
/// when a holdout horizon is given.
///
/// Customers are those with at least one purchase on or before the cut-off; their row order is
/// the order in which they first appear in the file. See ``TransactionFeature`` for every column.
public struct TransactionFeatureBuilder: Sendable {
    public var columns: TransactionColumns
    public var badRows: BadRowPolicy
    public var rejectsPath: String?
    /// The one-time buyers' gap for `overdue_ratio`; nil estimates it from the data (training).
    public var referenceGapDays: Double?

    public init(columns: TransactionColumns = TransactionColumns(), badRows: BadRowPolicy = .fail,
                rejectsPath: String? = nil, referenceGapDays: Double? = nil) {
        self.columns = columns
        self.badRows = badRows
        self.rejectsPath = rejectsPath
        self.referenceGapDays = referenceGapDays
    }

    /// Builds the table. `cutoff` nil means the last date in the file (one extra quick pass).
    public func build(path: String, cutoff: CalendarDay?, horizonDays: Int?,
                      progress: ProgressReporter = .silent) throws -> TransactionFeatureResult {
        let reader = TransactionLogReader(path: path, columns: columns, badRows: badRows, rejectsPath: rejectsPath)
        let resolvedCutoff = try cutoff ?? reader.lastDate()
        let window = ObservationWindow(cutoff: resolvedCutoff, horizonDays: horizonDays)
        var accumulator = CustomerActivityAccumulator(window: window)
        let lastRelevant = window.holdoutEnd?.daysSinceEpoch ?? window.cutoff.daysSinceEpoch
        let summary = try reader.read(into: &accumulator, lastRelevantDay: lastRelevant, progress: progress)
        var passes = 1
        if accumulator.outOfOrderCount > 0 {
            passes = 2
            var collector = OutOfOrderDayCollector(cutoff: window.cutoff.daysSinceEpoch, flagged: accumulator.outOfOrder)
            let recountReader = TransactionLogReader(path: path, columns: columns, badRows: .skip, customers: reader.customers)
            try recountReader.read(into: &collector, lastRelevantDay: window.cutoff.daysSinceEpoch)
            for (customer, days) in collector.days {
                accumulator.recount(customer: customer, sortedUniqueDays: Array(Set(days)).sorted())
            }
        }
        return try assemble(accumulator, customers: reader.customers, window: window, summary: summary, passes: passes, path: path)
    }

    private func assemble(_ a: CustomerActivityAccumulator, customers: CustomerIndex, window: ObservationWindow,
                          summary: IngestionSummary, passes: Int, path: String) throws -> TransactionFeatureResult {
        let present = (0..<a.customerCount).filter { a.lastDay[$0] != Int32.min }
        guard !present.isEmpty else { throw FeatureError.noCustomers(cutoff: window.cutoff, file: path) }

        let gap = referenceGapDays ?? {
            var sum = 0.0, count = 0
            for c in present where a.purchaseDays[c] > 1 {
                sum += Double(a.lastDay[c] - a.firstDay[c]) / Double(a.purchaseDays[c] - 1)
                count += 1
            }
            return count > 0 ? sum / Double(count) : 1.0
        }()

        let names = TransactionFeature.allCases.map(\.name)
        var values = [Double]()
        values.reserveCapacity(present.count * names.count)
        var labels: [Double]? = window.horizonDays == nil ? nil : []
        var oneTimeBuyers = 0
        let cutoff = window.cutoff.daysSinceEpoch
        for c in present {
            let frequency = Double(a.purchaseDays[c] - 1)
            let recency = Double(a.lastDay[c] - a.firstDay[c])
            let age = Double(cutoff - a.firstDay[c])
            let daysSinceLast = age - recency
            let meanGap = frequency > 0 ? recency / frequency : 0
            if frequency == 0 { oneTimeBuyers += 1 }
            let trendScale = abs(a.spend90[c]) + abs(a.spendPrevious90[c])
            for feature in TransactionFeature.allCases {
                let value: Double
                switch feature {
                case .frequency: value = frequency
                case .recency: value = recency
                case .T: value = age
                case .monetaryValue: value = frequency > 0 ? (a.totalSpend[c] - a.firstDaySpend[c]) / frequency : 0
                case .daysSinceLast: value = daysSinceLast
                case .transactionCount: value = Double(a.transactionCount[c])
                case .monetaryTotal: value = a.totalSpend[c]
                case .meanGapDays: value = meanGap
                case .overdueRatio: value = daysSinceLast / (frequency > 0 ? meanGap : gap)
                case .purchases30d: value = Double(a.purchaseDays30[c])
                case .spend30d: value = a.spend30[c]
                case .purchases90d: value = Double(a.purchaseDays90[c])
                case .spend90d: value = a.spend90[c]
                case .purchases180d: value = Double(a.purchaseDays180[c])
                case .spend180d: value = a.spend180[c]
                case .spendTrend90d: value = trendScale > 0 ? (a.spend90[c] - a.spendPrevious90[c]) / trendScale : 0
                }
                values.append(value)
            }
            labels?.append(a.boughtInHoldout[c] ? 0 : 1)
        }
        let table = FeatureTable(columnNames: names, customerIDs: present.map { customers.id($0) }, values: values, labels: labels)
        return TransactionFeatureResult(table: table, window: window, ingestion: summary, referenceGapDays: gap,
                                        oneTimeBuyers: oneTimeBuyers, passes: passes)
    }
}
