import Foundation

/// A BG/NBD model as the whole churn model: its scoring is here, in Scoring, because it speaks
/// the scorer's types (``ScoredCustomer``, ``ScoreReason``); BuyTillYouDie/ holds only the fit
/// and its predictions.
extension BuyTillYouDieModel {
    /// The churn model's scoring: P(no purchase in the horizon) per row, with a reason in words.
    public func score(_ table: FeatureTable, expectedSpend: [Double]?) throws -> [ScoredCustomer] {
        let predictions = try predictions(for: table)
        let (frequency, recency, T) = try Self.columns(of: table)
        return (0..<table.rowCount).map { i in
            let p = predictions.probabilityNoPurchase[i]
            let reason = ScoreReason(column: "bgnbd", value: predictions.probabilityAlive[i], contribution: 0,
                                     note: Self.reason(frequency: frequency[i], recency: recency[i], T: T[i], probabilityAlive: predictions.probabilityAlive[i]))
            return ScoredCustomer(customerID: table.customerIDs[i], row: i, churnProbability: p, logit: log(p) - log1p(-p),
                                  reasons: [reason], expectedSpend: expectedSpend?[i])
        }
    }
}
