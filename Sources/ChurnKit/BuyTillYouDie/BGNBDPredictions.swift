/// The BG/NBD predictions of many customers over one horizon, computed once per distinct
/// `(x, tₓ, T)` pattern and copied to the customers who share it.
public struct BGNBDPredictions: Sendable {
    /// The horizon the expected purchases count over, in days.
    public var horizonDays: Double
    /// Per customer, in input order.
    public var probabilityAlive: [Double]
    /// Expected repeat purchases in the next `horizonDays` days.
    public var expectedPurchases: [Double]
    /// `P(no purchase in the next horizonDays days)`: the BG/NBD's churn probability.
    public var probabilityNoPurchase: [Double]

    /// Predictions for customers already grouped into patterns (computed once per pattern).
    public init(parameters: BGNBDParameters, patterns: PurchasePatterns, horizonDays: Double) {
        self.horizonDays = horizonDays
        let m = patterns.patternCount
        var alive = [Double](repeating: 0, count: m), purchases = alive, quiet = alive
        for k in 0..<m {
            let (x, t, age) = patterns.pattern(k)
            alive[k] = parameters.probabilityAlive(frequency: x, recency: t, T: age)
            purchases[k] = horizonDays > 0
                ? parameters.expectedPurchasesIfAlive(days: horizonDays, frequency: x, T: age) * alive[k] : 0
            quiet[k] = parameters.probabilityNoPurchase(days: horizonDays, frequency: x, recency: t, T: age)
        }
        let customers = patterns.patternOfCustomer
        probabilityAlive = customers.map { alive[Int($0)] }
        expectedPurchases = customers.map { purchases[Int($0)] }
        probabilityNoPurchase = customers.map { quiet[Int($0)] }
    }

    /// Predictions for per-customer columns; throws when a column is not a valid history.
    public init(parameters: BGNBDParameters, frequency: [Double], recency: [Double], T: [Double], horizonDays: Double) throws {
        self.init(parameters: parameters, patterns: try PurchasePatterns(frequency: frequency, recency: recency, T: T), horizonDays: horizonDays)
    }
}
