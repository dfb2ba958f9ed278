/// Customer lifetime value, historical and predictive.
///
/// - Historical CLV is what customers actually spent: total net revenue (refunds subtracted) per
///   customer, averaged over customers with at least one order.
/// - Predictive CLV is the textbook estimate
///   `margin × AOV × F × (1 + d) / (c + d)`, where `AOV` is the average order value, `F` the
///   purchase frequency (orders per ordering customer per period), `c` the churn rate per period
///   (a fraction) and `d` the discount rate per period. `(1 + d) / (c + d)` is the discounted
///   expected lifetime in periods, `Σ_{t≥0} ((1 − c) / (1 + d))^t`: a customer survives each
///   period with probability `1 − c` and the first period is not discounted. With `d = 0` it is the
///   familiar `1 / c`. Undefined (nil) when `c + d = 0` (nobody ever leaves and money is free) or
///   when an input is undefined.
public struct CustomerLifetimeValue: Sendable, Equatable {
    /// Gross margin as a fraction of revenue (1 = revenue itself).
    public var margin: Double
    /// Discount rate per period as a fraction (0.01 = 1% per period).
    public var discountRate: Double

    /// Throws ``ParameterError`` unless the margin is finite (−1000…1000) and the discount rate finite and ≥ 0.
    public static func validate(margin: Double, discountRate: Double) throws {
        try ParameterCheck.number(margin, "margin", in: -1000...1000)
        try ParameterCheck.number(discountRate, "discount_rate", in: 0...1000)
    }

    /// A formula with the gross `margin` (share of revenue kept) and a per-period `discountRate`.
    public init(margin: Double = 1, discountRate: Double = 0) {
        precondition(margin.isFinite && discountRate.isFinite && discountRate >= 0,
                     "margin must be finite and the discount rate finite and ≥ 0, got margin \(margin), discount rate \(discountRate)")
        self.margin = margin
        self.discountRate = discountRate
    }

    /// Expected lifetime in periods, discounted: `(1 + d) / (c + d)`; `churnRate` is a fraction.
    public func expectedLifetime(churnRate: Double) -> Double? {
        let denominator = churnRate + discountRate
        guard denominator > 0 else { return nil }
        return (1 + discountRate) / denominator
    }

    /// `margin × averageOrderValue × purchaseFrequency × expectedLifetime(churnRate)`; nil when
    /// any input is nil or the lifetime is undefined. `churnRate` is a fraction, not a percentage.
    public func predicted(averageOrderValue: Double?, purchaseFrequency: Double?, churnRate: Double?) -> Double? {
        guard let averageOrderValue, let purchaseFrequency, let churnRate,
              let lifetime = expectedLifetime(churnRate: churnRate) else { return nil }
        return margin * averageOrderValue * purchaseFrequency * lifetime
    }

    /// Historical CLV: total net revenue / customers, nil without customers.
    public static func historical(totalRevenue: Double, customers: Int) -> Double? {
        guard customers > 0 else { return nil }
        return totalRevenue / Double(customers)
    }
}
