/// The retention metrics of one period (see ``RetentionReport`` for the definitions).
///
/// Rates are percentages; `nil` means undefined (a zero denominator), never 0.
public struct PeriodMetrics: Sendable, Equatable {
    /// The period number (see ``RetentionPeriod/number(of:)``) and its label, `1997-01`.
    public var number: Int
    /// The period's label (`1997-01`, `1997-Q1`, `1997`).
    public var label: String
    /// First day of the period.
    public var start: CalendarDay
    /// The day `E` is measured on: the period's last day, or the log's last date when the log
    /// ends inside the period.
    public var end: CalendarDay

    /// `S`: customers active at the end of the day before the period starts.
    public var customersStart = 0
    /// `N`: customers whose first order ever falls in the period.
    public var newCustomers = 0
    /// Customers active at the end who were neither active at the start nor new (lapsed, then came back).
    public var reactivatedCustomers = 0
    /// Customers in `S` who are not active at the end.
    public var lostCustomers = 0
    /// `E`: customers active at the end.
    public var customersEnd = 0
    /// Customers with at least one order in the period, and those with two or more.
    public var buyers = 0
    /// Customers with two or more orders in the period.
    public var repeatBuyers = 0
    /// Orders in the period.
    public var orders = 0
    /// Net revenue of every row dated in the period, refunds subtracted.
    public var revenue = 0.0
    /// Revenue in the previous period of the customers who ordered in it (the base of revenue
    /// churn and net revenue retention).
    public var previousBuyersRevenue = 0.0
    /// The part of that base from customers with no order in this period.
    public var churnedRevenue = 0.0
    /// This period's revenue from the previous period's buyers.
    public var retainedRevenue = 0.0

    /// An empty period ending at `end`, to be filled from a log.
    public init(number: Int, period: RetentionPeriod, end: CalendarDay) {
        self.number = number
        self.label = period.label(of: number)
        self.start = period.start(of: number)
        self.end = end
    }

    /// `(E − N) / S × 100`.
    public var retentionRate: Double? { RetentionFormulas.retentionRate(start: customersStart, new: newCustomers, end: customersEnd) }
    /// `lost / S × 100`.
    public var churnRate: Double? { RetentionFormulas.churnRate(lost: lostCustomers, start: customersStart) }
    /// Buyers with two or more orders in the period / buyers × 100.
    public var repeatPurchaseRate: Double? { RetentionFormulas.repeatPurchaseRate(repeatCustomers: repeatBuyers, customers: buyers) }
    /// Orders / buyers.
    public var purchaseFrequency: Double? { RetentionFormulas.purchaseFrequency(orders: orders, customers: buyers) }
    /// Revenue / orders.
    public var averageOrderValue: Double? { RetentionFormulas.averageOrderValue(revenue: revenue, orders: orders) }
    /// Churned revenue / previous buyers' previous revenue × 100.
    public var revenueChurn: Double? { RetentionFormulas.revenueShare(churnedRevenue, of: previousBuyersRevenue) }
    /// Retained revenue / previous buyers' previous revenue × 100.
    public var netRevenueRetention: Double? { RetentionFormulas.revenueShare(retainedRevenue, of: previousBuyersRevenue) }
}
