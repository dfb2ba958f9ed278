/// What a customer is expected to spend over the next `horizonDays` if they stay, the money a
/// churn would take away; `expected_value_at_risk` is that times the churn probability.
///
/// **Transaction models.** The purchase rate counts the first purchase day and the day of the
/// first purchase itself, so one-time buyers get a rate too:
///
///     rate  = (frequency + 1) / (T + 1)                          purchase days per day
///     spend = monetary_value         when frequency > 0          mean spend per purchase day
///             monetary_total         when frequency = 0          (their one purchase day)
///     expected_spend  = max(0, rate · spend · H)
///     value_at_risk   = churn_probability · expected_spend
///
/// `monetary_value` is lifetimes' (repeat days only, the first excluded), as the Gamma-Gamma
/// spend model uses it. Refunds can make spend negative; the expected spend is then 0. The rate
/// extrapolates from the customer's own history, so customers only a few days old (small `T`)
/// get a high rate from little evidence. `H` is the model's `horizon_days` unless overridden.
///
/// **Table models.** No purchase history: a per-period charge column named by the user
/// (`monthly_charges`) gives `expected_spend = max(0, charge · H / 30)`; without one there is no
/// value (written empty).
public enum ValueAtRisk {
    /// Expected spend over `horizonDays` from the lifetimes columns of one customer.
    public static func expectedSpend(frequency: Double, T: Double, monetaryValue: Double, monetaryTotal: Double,
                                     horizonDays: Double) -> Double {
        let rate = (frequency + 1) / (T + 1)
        let spendPerDay = frequency > 0 ? monetaryValue : monetaryTotal
        let spend = rate * spendPerDay * horizonDays
        return spend.isFinite ? max(0, spend) : 0
    }

    /// Expected spend over `horizonDays` from a monthly charge (30-day months).
    public static func expectedSpend(monthlyCharge: Double, horizonDays: Double) -> Double {
        max(0, monthlyCharge * horizonDays / 30)
    }
}
