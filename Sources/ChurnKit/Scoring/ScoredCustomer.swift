/// One customer after scoring, before ranking.
public struct ScoredCustomer: Sendable, Equatable {
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

/// The deterministic order of customer ids used to break ties: ids made only of the digits 0–9
/// come first, in numeric order (`9` before `10`; `007` before `7`, compared as text when the
/// numbers are equal); every other id follows, in text order (Unicode scalar values).
public enum CustomerIDOrder {
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let aDigits = isDigits(a), bDigits = isDigits(b)
        if aDigits != bDigits { return aDigits }
        if aDigits {
            let x = a.utf8.drop { $0 == UInt8(ascii: "0") }, y = b.utf8.drop { $0 == UInt8(ascii: "0") }
            if x.count != y.count { return x.count < y.count }
            if !x.elementsEqual(y) { return x.lexicographicallyPrecedes(y) }
        }
        return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    static func isDigits(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
