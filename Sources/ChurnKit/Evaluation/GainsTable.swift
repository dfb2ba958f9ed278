/// The cumulative gains and lift table: customers split into equal-sized groups by risk.
///
/// Rows are ranked by probability (highest first, ties by row index, see ``ScoreRanking``) and
/// cut into `groupCount` groups (deciles by default); group `d` (1-based, 1 = highest risk) holds
/// ranked rows `⌊(d−1)·n/g⌋ ..< ⌊d·n/g⌋`, so sizes differ by at most one. Equal probabilities can
/// straddle a boundary. Per group, with weights `w` (1 when unweighted), `C` = all churners and
/// `W` = all customers:
///
/// | column | definition |
/// |---|---|
/// | `customers` | Σ w over the group (the row count when unweighted) |
/// | `churners` | Σ w·y |
/// | `churn_rate` | churners / customers |
/// | `capture_rate` | churners / C: the share of all churners found in this group |
/// | `cumulative_capture` | Σ capture_rate over groups 1…d (the gains curve) |
/// | `lift` | churn_rate / (C / W) |
/// | `cumulative_lift` | (Σ churners / Σ customers over groups 1…d) / (C / W) |
///
/// Rates are NaN (`null` in JSON) for an empty group (fewer rows than groups) and, for capture
/// and lift, when there are no churners.
public struct GainsTable: Codable, Sendable, Equatable {
    /// One group of customers ranked by risk (group 1 = riskiest).
    public struct Row: Codable, Sendable, Equatable {
        /// 1 = highest risk.
        public var decile: Int
        /// Rows in the group.
        public var rowCount: Int
        /// Weighted customers in the group.
        public var customers: Double
        /// Weighted churners in the group.
        public var churners: Double
        /// The lowest and highest probability in the group.
        @NaNAsNull public var minProbability: Double
        /// The highest probability in the group.
        @NaNAsNull public var maxProbability: Double
        /// Churners over customers in the group.
        @NaNAsNull public var churnRate: Double
        /// The group's share of all churners.
        @NaNAsNull public var captureRate: Double
        /// Share of all churners in this group and the riskier ones.
        @NaNAsNull public var cumulativeCapture: Double
        /// The group's churn rate over the overall churn rate.
        @NaNAsNull public var lift: Double
        /// Churn rate of this group and the riskier ones over the overall churn rate.
        @NaNAsNull public var cumulativeLift: Double

        enum CodingKeys: String, CodingKey {
            case decile, rowCount = "rows", customers, churners, minProbability = "min_probability", maxProbability = "max_probability",
                 churnRate = "churn_rate", captureRate = "capture_rate", cumulativeCapture = "cumulative_capture", lift,
                 cumulativeLift = "cumulative_lift"
        }
    }

    /// The groups, riskiest first.
    public var rows: [Row]
    /// W: Σ w over all rows.
    public var customers: Double
    /// C: Σ w·y over all rows.
    public var churners: Double
    /// Why the table may mislead (fewer rows than groups, tied scores across a boundary), in words.
    public var warnings: [String]

    /// `labels`: 0/1 per row; `weights`: nil = 1 per row; `groupCount` ≥ 1 (10: deciles).
    public static func compute(labels: [Double], probabilities: [Double], weights: [Double]? = nil, groupCount: Int = 10) -> GainsTable {
        compute(labels: labels, ranking: ScoreRanking(probabilities: probabilities), weights: weights, groupCount: groupCount)
    }

    /// The same from a ranking already sorted for other metrics.
    public static func compute(labels: [Double], ranking: ScoreRanking, weights: [Double]? = nil, groupCount: Int = 10) -> GainsTable {
        precondition(groupCount >= 1, "a gains table needs at least one group, got \(groupCount)")
        let input = EvaluationInput(labels: labels, probabilities: ranking.probabilities, weights: weights)
        let n = input.count
        let baseRate = input.positives / input.totalWeight
        var rows: [Row] = []
        rows.reserveCapacity(groupCount)
        var cumulativeChurners = 0.0, cumulativeCustomers = 0.0
        for d in 1...groupCount {
            let range = (d - 1) * n / groupCount ..< d * n / groupCount
            var customers = 0.0, churners = 0.0
            for k in range {
                let i = ranking.order[k]
                customers += input.weight(i)
                churners += input.weight(i) * input.labels[i]
            }
            cumulativeCustomers += customers
            cumulativeChurners += churners
            let churnRate = customers > 0 ? churners / customers : .nan
            let cumulativeRate = cumulativeCustomers > 0 ? cumulativeChurners / cumulativeCustomers : .nan
            let hasChurners = input.positives > 0
            rows.append(Row(decile: d, rowCount: range.count, customers: customers, churners: churners,
                            minProbability: range.isEmpty ? .nan : ranking.probabilities[ranking.order[range.upperBound - 1]],
                            maxProbability: range.isEmpty ? .nan : ranking.probabilities[ranking.order[range.lowerBound]],
                            churnRate: churnRate,
                            captureRate: hasChurners ? churners / input.positives : .nan,
                            cumulativeCapture: hasChurners ? cumulativeChurners / input.positives : .nan,
                            lift: hasChurners ? churnRate / baseRate : .nan,
                            cumulativeLift: hasChurners ? cumulativeRate / baseRate : .nan))
        }
        var warnings: [String] = []
        if n < groupCount { warnings.append("only \(n) rows for \(groupCount) groups: some groups are empty") }
        if n > 0 && input.positives == 0 { warnings.append("no churners (label 1): capture rates and lifts are undefined") }
        return GainsTable(rows: rows, customers: input.totalWeight, churners: input.positives, warnings: warnings)
    }
}
