/// One customer after scoring, before ranking.
public struct ScoredCustomer: Sendable, Equatable {
    /// The customer id, as in the input.
    public var customerID: String
    /// The customer's row in the feature table that was scored.
    public var row: Int
    /// `P(churn)`: higher is riskier.
    public var churnProbability: Double
    /// The model's logit: the standardized intercept plus the contributions of every input.
    public var logit: Double
    /// The inputs pushing the risk up the most, largest first (at most three).
    public var reasons: [ScoreReason]
    /// Expected spend over the value horizon if the customer stays (see ``ValueAtRisk``); nil
    /// when the model and input give no way to value the customer.
    public var expectedSpend: Double?

    /// A scored customer from its parts (see the properties).
    public init(customerID: String, row: Int, churnProbability: Double, logit: Double, reasons: [ScoreReason], expectedSpend: Double?) {
        self.customerID = customerID
        self.row = row
        self.churnProbability = churnProbability
        self.logit = logit
        self.reasons = reasons
        self.expectedSpend = expectedSpend
    }

    /// `churn_probability × expected spend`: the money a churn is expected to take away.
    public var valueAtRisk: Double? { expectedSpend.map { churnProbability * $0 } }
}

