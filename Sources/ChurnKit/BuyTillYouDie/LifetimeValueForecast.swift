/// Customer lifetime value from a BG/NBD model and a Gamma-Gamma model, with lifetimes'
/// `customer_lifetime_value` semantics (time unit: days, lifetimes' `freq="D"`):
///
///     CLV = Σ_{i=1}^{months} E[M | x, m̄] · (E(30·i) − E(30·(i−1))) / (1 + d)^i
///
/// where `E(t)` is the expected number of repeat purchases in the next `t` days (BG/NBD,
/// conditional on the customer's history), `E[M | x, m̄]` the Gamma-Gamma expected spend per
/// purchase and `d` the `discountRate` per month: purchases are grouped into months of
/// `periodLength` = 30 days, and each month's expected revenue is discounted as if it arrived at
/// the month's end. With `d = 0` it is the expected revenue of the next `months · 30` days.
public struct LifetimeValueForecast: Sendable, Equatable {
    /// lifetimes' `time`: the number of months.
    public var months: Int
    /// lifetimes' `discount_rate`, per month (default 0.01).
    public var discountRate: Double
    /// Time units per month: 30 for days (lifetimes' `freq="D"`), 4.345 for weeks (`"W"`).
    public var periodLength: Double

    /// A forecast over `months` months of `periodLength` days, discounted by `discountRate` per month.
    public init(months: Int = 12, discountRate: Double = 0.01, periodLength: Double = 30) {
        self.months = months
        self.discountRate = discountRate
        self.periodLength = periodLength
    }

    /// The discounted expected revenue of one customer.
    public func value(purchases: BGNBDParameters, spend: GammaGammaParameters, frequency x: Double, recency: Double, T: Double,
                      monetaryValue: Double) -> Double {
        let perPurchase = spend.expectedAverageSpend(frequency: x, monetaryValue: monetaryValue)
        return perPurchase * discountedPurchases(purchases, frequency: x, recency: recency, T: T)
    }

    /// `Σᵢ (E(30·i) − E(30·(i−1))) / (1 + d)^i`: expected purchases, each month discounted.
    public func discountedPurchases(_ purchases: BGNBDParameters, frequency x: Double, recency: Double, T: Double) -> Double {
        var total = 0.0
        var previous = 0.0
        var discount = 1.0
        for i in stride(from: 1, through: months, by: 1) {
            let current = purchases.expectedPurchases(days: Double(i) * periodLength, frequency: x, recency: recency, T: T)
            discount *= 1 + discountRate
            total += (current - previous) / discount
            previous = current
        }
        return total
    }
}
