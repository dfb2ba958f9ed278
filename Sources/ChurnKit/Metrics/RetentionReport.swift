/// Retention metrics of a transaction log, one ``PeriodMetrics`` per calendar period, plus totals.
///
/// Definitions (the README's "Retention metrics" section states the same with examples):
/// - An *order* is a row with amount ≥ 0; a *refund* (amount < 0) only lowers revenue.
/// - A customer is *active at the end of day d* when their last order on or before d is less than
///   `activeWindowDays` days earlier: `d − last < window`. With the default 90, an order on
///   January 1 keeps the customer active through March 31 (89 days later) but not on April 1.
/// - `S` = active at the end of the day before the period starts; `E` = active at the period's
///   last day (or the log's last date, for a period the log ends inside); `N` = first order ever in
///   the period; lost = in `S` and not active at the end; reactivated = active at the end, not in
///   `S`, not new.
/// - Periods run from the first to the last date of the log, empty periods included; the first
///   period always has `S = 0`, so its retention and churn rates are undefined.
public struct RetentionReport: Sendable {
    /// The period length the report is counted in.
    public var period: RetentionPeriod
    /// Days without a purchase after which a customer counts as lost.
    public var activeWindowDays: Int
    /// The margin and discount rate behind the CLV column.
    public var lifetimeValue: CustomerLifetimeValue
    /// One entry per period of the log, oldest first.
    public var periods: [PeriodMetrics]
    /// Customers with at least one order, and those with two or more (over the whole log).
    public var customers = 0
    /// Customers with two or more orders over the whole log.
    public var repeatCustomers = 0
    /// Orders over the whole log.
    public var orders = 0
    /// Net revenue of the whole log, refunds subtracted.
    public var revenue = 0.0
    /// What reading the log found: rows read, skipped and why.
    public var ingestion = IngestionSummary()
    /// false for a log read without amounts: revenue, order value and CLV are then unknown
    /// (written as n/a), not zero.
    public var hasAmounts = true

    /// Throws ``ParameterError`` unless 1 ≤ activeWindowDays ≤ `ParameterCheck.maximumDays`.
    public static func validate(activeWindowDays: Int) throws {
        try ParameterCheck.integer(activeWindowDays, "active_window_days", in: 1...ParameterCheck.maximumDays)
    }

    init(_ accumulator: PeriodMetricsAccumulator, activeWindowDays: Int,
                lifetimeValue: CustomerLifetimeValue = CustomerLifetimeValue()) {
        precondition(activeWindowDays > 0, "the active window must be at least one day, got \(activeWindowDays)")
        let a = accumulator
        period = a.period
        self.activeWindowDays = activeWindowDays
        self.lifetimeValue = lifetimeValue
        guard let numbers = a.periodNumbers else {
            periods = []
            return
        }
        let first = numbers.lowerBound
        periods = numbers.map { PeriodMetrics(number: $0, period: a.period, end: min(a.period.end(of: $0), CalendarDay(daysSinceEpoch: a.lastDay))) }
        addEntryTotals(a, first: first)
        let firstOrderPeriod = addCustomers(a, first: first)
        addCustomerStates(a, first: first, firstOrderPeriod: firstOrderPeriod)
    }

    /// Revenue, orders, buyers and repeat buyers per period, from the (customer, period) entries.
    private mutating func addEntryTotals(_ a: PeriodMetricsAccumulator, first: Int) {
        for e in 0..<a.entryCount {
            let k = Int(a.entryPeriod[e]) - first
            periods[k].revenue += a.entryRevenue[e]
            let entryOrders = Int(a.entryOrders[e])
            guard entryOrders > 0 else { continue }
            periods[k].orders += entryOrders
            periods[k].buyers += 1
            if entryOrders > 1 { periods[k].repeatBuyers += 1 }
        }
    }

    /// New customers per period and the whole-log totals; returns each customer's first order period.
    private mutating func addCustomers(_ a: PeriodMetricsAccumulator, first: Int) -> [Int] {
        var firstOrderPeriod = [Int](repeating: -1, count: a.customerCount)
        for c in 0..<a.customerCount where a.firstOrderDay[c] != PeriodMetricsAccumulator.none {
            let k = a.period.number(of: CalendarDay(daysSinceEpoch: a.firstOrderDay[c])) - first
            firstOrderPeriod[c] = k
            periods[k].newCustomers += 1
            customers += 1
            orders += Int(a.orderCount[c])
            if a.orderCount[c] > 1 { repeatCustomers += 1 }
        }
        revenue = periods.reduce(0) { $0 + $1.revenue }
        return firstOrderPeriod
    }

    /// Active, lost and reactivated customers and revenue retention: walks each customer's periods
    /// in order, from their first row until nothing can change.
    private mutating func addCustomerStates(_ a: PeriodMetricsAccumulator, first: Int, firstOrderPeriod: [Int]) {
        let endDays = periods.map(\.end.daysSinceEpoch)
        let window = Int32(clamping: activeWindowDays)
        // Walk each customer's periods in order, from their first row until nothing can change.
        let order = a.entriesByCustomer()
        var i = 0
        while i < order.count {
            let customer = Int(a.entryCustomer[order[i]])
            var j = i
            while j < order.count && Int(a.entryCustomer[order[j]]) == customer { j += 1 }
            var next = i
            var latestOrder: Int32? = nil
            var activeBefore = false
            var previous: Int? = nil
            var k = Int(a.entryPeriod[order[i]]) - first
            while k < periods.count {
                var current: Int? = nil
                if next < j && Int(a.entryPeriod[order[next]]) - first == k {
                    current = order[next]
                    next += 1
                }
                if let current, a.entryOrders[current] > 0 { latestOrder = a.entryLastOrderDay[current] }
                let activeAfter = latestOrder.map { endDays[k] - $0 < window } ?? false
                if activeBefore {
                    periods[k].customersStart += 1
                    if !activeAfter { periods[k].lostCustomers += 1 }
                } else if activeAfter && firstOrderPeriod[customer] != k {
                    periods[k].reactivatedCustomers += 1
                }
                if activeAfter { periods[k].customersEnd += 1 }
                if let previous, a.entryOrders[previous] > 0 {
                    periods[k].previousBuyersRevenue += a.entryRevenue[previous]
                    if let current { periods[k].retainedRevenue += a.entryRevenue[current] }
                    if current.map({ a.entryOrders[$0] == 0 }) ?? true { periods[k].churnedRevenue += a.entryRevenue[previous] }
                }
                previous = current
                activeBefore = activeAfter
                k += 1
                if next >= j && !activeAfter && previous == nil { break }
            }
            i = j
        }
    }

    /// Reads the transactions of `source` (a log, or transactions in memory) in one pass and
    /// computes the report. A labelled table has no transactions and is an error.
    public static func read(_ source: FeatureSource, period: RetentionPeriod, activeWindowDays: Int = 90,
                            lifetimeValue: CustomerLifetimeValue = CustomerLifetimeValue(),
                            progress: ProgressReporter = .silent) throws -> RetentionReport {
        let (accumulator, summary) = try PeriodMetricsAccumulator.read(source, period: period, progress: progress)
        var report = RetentionReport(accumulator, activeWindowDays: activeWindowDays, lifetimeValue: lifetimeValue)
        report.ingestion = summary
        report.hasAmounts = try source.feed(modelColumns: nil, writesRejects: false).hasAmounts
        return report
    }

    /// Customers with more than one order over the whole log / customers × 100.
    public var repeatPurchaseRate: Double? { RetentionFormulas.repeatPurchaseRate(repeatCustomers: repeatCustomers, customers: customers) }
    /// Revenue / orders over the whole log.
    public var averageOrderValue: Double? { RetentionFormulas.averageOrderValue(revenue: revenue, orders: orders) }
    /// Orders per buying customer per period, pooled: Σ orders / Σ buyers over the periods.
    public var purchaseFrequency: Double? {
        RetentionFormulas.purchaseFrequency(orders: periods.reduce(0) { $0 + $1.orders }, customers: periods.reduce(0) { $0 + $1.buyers })
    }
    /// Churn rate per period, pooled: Σ lost / Σ S × 100 over the periods.
    public var churnRate: Double? {
        RetentionFormulas.churnRate(lost: periods.reduce(0) { $0 + $1.lostCustomers }, start: periods.reduce(0) { $0 + $1.customersStart })
    }
    /// Total revenue / customers.
    public var historicalLifetimeValue: Double? { CustomerLifetimeValue.historical(totalRevenue: revenue, customers: customers) }
    /// `margin × AOV × F × (1 + d) / (c + d)` with the pooled AOV, F and churn rate.
    public var predictedLifetimeValue: Double? {
        lifetimeValue.predicted(averageOrderValue: averageOrderValue, purchaseFrequency: purchaseFrequency, churnRate: churnRate.map { $0 / 100 })
    }

    /// Predictive CLV from one period's own AOV, frequency and churn rate.
    public func predictedLifetimeValue(_ metrics: PeriodMetrics) -> Double? {
        lifetimeValue.predicted(averageOrderValue: metrics.averageOrderValue, purchaseFrequency: metrics.purchaseFrequency,
                                churnRate: metrics.churnRate.map { $0 / 100 })
    }
}
