/// Acquisition cohorts × periods since acquisition.
///
/// A customer's *cohort* is the period of their first order. For cohort `c` and offset `t ≥ 0`
/// (periods since acquisition), the table holds the customers of the cohort with at least one order
/// in period `c + t` and the cohort's net revenue in that period (refunds subtracted). Retention
/// is `active / cohort size × 100`, so offset 0 is always 100%. This is purchase-based retention
/// (did the customer order in that period?), independent of the active window of
/// ``RetentionReport``. Offsets past the end of the log are not observed (`nil`), not 0. Refunds
/// dated before a customer's first order belong to no cohort cell.
public struct CohortTable: Sendable, Equatable {
    /// Customers whose first purchase fell in one period.
    public struct Cohort: Sendable, Equatable {
        /// The number of the period the cohort made its first purchase in (``RetentionPeriod``'s numbering).
        public var number: Int
        /// The period's label (`1997-01`, `1997-Q1`, `1997`).
        public var label: String
        /// Customers acquired in the period.
        public var customers: Int
        /// Customers with an order, by offset 0, 1, … up to the last observed period.
        public var activeCustomers: [Int]
        /// Net revenue by offset.
        public var revenue: [Double]

        /// `activeCustomers[offset] / customers × 100`; nil past the observed offsets.
        public func retention(_ offset: Int) -> Double? {
            guard offset < activeCustomers.count, customers > 0 else { return nil }
            return Double(activeCustomers[offset]) / Double(customers) * 100
        }
    }

    /// The period length cohorts and offsets are counted in.
    public var period: RetentionPeriod
    /// Every period from the first to the last date of the log, in order, including periods in
    /// which nobody was acquired (their cohort has 0 customers).
    public var cohorts: [Cohort]
    /// What reading the log found: rows read, skipped and why.
    public var ingestion = IngestionSummary()

    /// Above this many periods (100 years of months), cohorts without customers are left out of
    /// the table instead of being printed as rows of undefined cells.
    public static let densePeriodLimit = 1200

    /// The largest offset observed (periods in the log − 1).
    public var maxOffset: Int { max(cohorts.count - 1, 0) }

    init(_ a: PeriodMetricsAccumulator) {
        period = a.period
        guard let numbers = a.periodNumbers else {
            cohorts = []
            return
        }
        let last = numbers.upperBound
        cohorts = numbers.map { Cohort(number: $0, label: a.period.label(of: $0), customers: 0, activeCustomers: [], revenue: []) }
        var cohortOf = [Int](repeating: -1, count: a.customerCount)
        for c in 0..<a.customerCount where a.firstOrderDay[c] != PeriodMetricsAccumulator.none {
            let k = a.period.number(of: CalendarDay(daysSinceEpoch: a.firstOrderDay[c])) - numbers.lowerBound
            cohortOf[c] = k
            cohorts[k].customers += 1
        }
        // Cells only for cohorts that exist (or every period of an ordinary log): a log spanning
        // 0001…9999 has 120,000 months, and a dense triangle of them would not fit in memory.
        let dense = cohorts.count <= CohortTable.densePeriodLimit
        for k in cohorts.indices where dense || cohorts[k].customers > 0 {
            let count = last - cohorts[k].number + 1
            cohorts[k].activeCustomers = Array(repeating: 0, count: count)
            cohorts[k].revenue = Array(repeating: 0, count: count)
        }
        for e in 0..<a.entryCount {
            let k = cohortOf[Int(a.entryCustomer[e])]
            guard k >= 0 else { continue }
            let offset = Int(a.entryPeriod[e]) - cohorts[k].number
            guard offset >= 0 else { continue }
            cohorts[k].revenue[offset] += a.entryRevenue[e]
            if a.entryOrders[e] > 0 { cohorts[k].activeCustomers[offset] += 1 }
        }
    }

    /// Reads the transactions of `source` (a log, or transactions in memory) in one pass and
    /// builds the table. A labelled table has no transactions and is an error.
    public static func read(_ source: FeatureSource, period: RetentionPeriod,
                            progress: ProgressReporter = .silent) throws -> CohortTable {
        let (accumulator, summary) = try PeriodMetricsAccumulator.read(source, period: period, progress: progress)
        var table = CohortTable(accumulator)
        table.ingestion = summary
        return table
    }
}
