/// The textbook retention formulas as pure functions, so each can be checked on its own.
///
/// Every rate with a denominator that can be zero returns `nil` ("undefined") instead of 0 or NaN:
/// a period that starts with no active customers has no retention rate, and writers print that as
/// an empty CSV cell, `null` in JSON and `n/a` in a table.
public enum RetentionFormulas {
    /// Customer retention rate in percent: `(E − N) / S × 100`, nil when `S = 0`.
    ///
    /// `S` customers active at the start, `N` new customers acquired during the period, `E`
    /// customers active at the end. Customers who lapsed before the period and came back during it
    /// count in `E` but not in `S`, so the rate can exceed what `S − lost` alone would give.
    public static func retentionRate(start: Int, new: Int, end: Int) -> Double? {
        guard start > 0 else { return nil }
        return Double(end - new) / Double(start) * 100
    }

    /// Customer churn rate in percent: `lost / S × 100`, nil when `S = 0`.
    public static func churnRate(lost: Int, start: Int) -> Double? {
        guard start > 0 else { return nil }
        return Double(lost) / Double(start) * 100
    }

    /// Repeat purchase rate in percent: customers with more than one order / customers with at
    /// least one order × 100, nil when nobody ordered.
    public static func repeatPurchaseRate(repeatCustomers: Int, customers: Int) -> Double? {
        guard customers > 0 else { return nil }
        return Double(repeatCustomers) / Double(customers) * 100
    }

    /// Purchase frequency: orders per ordering customer, nil when nobody ordered.
    public static func purchaseFrequency(orders: Int, customers: Int) -> Double? {
        guard customers > 0 else { return nil }
        return Double(orders) / Double(customers)
    }

    /// Average order value: net revenue (refunds subtracted) / orders, nil without orders.
    public static func averageOrderValue(revenue: Double, orders: Int) -> Double? {
        guard orders > 0 else { return nil }
        return revenue / Double(orders)
    }

    /// A share in percent, `part / base × 100`, nil when the base is not positive (no revenue to
    /// lose or retain). Used for revenue churn and net revenue retention.
    public static func revenueShare(_ part: Double, of base: Double) -> Double? {
        guard base > 0 else { return nil }
        return part / base * 100
    }
}
