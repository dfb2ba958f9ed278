

/// RFM quintile scores for every customer of a transaction feature table.
///
/// - R from `days_since_last`, reversed: the most recent buyers score 5.
/// - F from `frequency` (repeat purchase days): the most frequent score 5.
/// - M from `monetary_total` (total spend): the biggest spenders score 5.
///
/// A score is `1 + ⌊5·b/n⌋`, where `b` is the number of customers with a strictly worse value
/// and `n` the number of customers: the quintile of the customer's percent rank, with tied values
/// sharing the score of the lowest of them (pandas' `rank(method="min")`). Ties never split
/// across scores, so the scores do not depend on row order; with many equal values (CDNOW's
/// one-time buyers all have `frequency` 0) some scores are empty.
public struct RFMSegments: Sendable {
    /// One per customer, in the feature table's row order (as are the arrays below).
    public var customerIDs: [String]
    /// The `days_since_last` column (R is scored from it, reversed).
    public var daysSinceLast: [Double]
    /// The `frequency` column (F).
    public var frequency: [Double]
    /// The `monetary_total` column (M).
    public var monetaryTotal: [Double]
    /// Each customer's R, F and M scores.
    public var scores: [RFMScore]

    /// Scores every row of `table`; throws ``FeatureError`` when it lacks `days_since_last`,
    /// `frequency` or `monetary_total`.
    public init(_ table: FeatureTable) throws {
        func column(_ feature: TransactionFeature) throws -> [Double] {
            guard let values = table.column(feature.name) else {
                throw FeatureError.missing(feature.name, in: table)
            }
            return values
        }
        customerIDs = table.customerIDs
        daysSinceLast = try column(.daysSinceLast)
        frequency = try column(.frequency)
        monetaryTotal = try column(.monetaryTotal)
        let r = RFMSegments.quintileScores(daysSinceLast.map { -$0 })
        let f = RFMSegments.quintileScores(frequency)
        let m = RFMSegments.quintileScores(monetaryTotal)
        scores = (0..<customerIDs.count).map { RFMScore(recency: r[$0], frequency: f[$0], monetary: m[$0]) }
    }

    /// `1 + ⌊5·b/n⌋` per value, `b` = how many values are strictly smaller (higher is better).
    static func quintileScores(_ values: [Double]) -> [Int] {
        let n = values.count
        let order = values.indices.sorted { values[$0] < values[$1] }
        var scores = [Int](repeating: 0, count: n)
        var start = 0
        while start < n {
            var end = start
            while end < n, values[order[end]] == values[order[start]] { end += 1 }
            let score = 1 + (5 * start) / n
            for k in start..<end { scores[order[k]] = score }
            start = end
        }
        return scores
    }

    /// Per segment: customers, their share, revenue (Σ `monetary_total`) and, given each
    /// customer's churn probability (same order as the table), the mean probability.
    public struct Summary: Sendable, Equatable {
        /// The segment summarized.
        public var segment: RFMSegment
        /// Customers in the segment.
        public var customers: Int
        /// Their share of all customers, in [0, 1].
        public var share: Double
        /// Σ `monetary_total` of the segment.
        public var revenue: Double
        /// The mean churn probability of the segment; nil without probabilities or customers.
        public var meanChurnProbability: Double?
    }

    /// One ``Summary`` per segment, in ``RFMSegment`` order; `churnProbabilities` (one per row,
    /// the table's order) adds each segment's mean probability.
    public func summary(churnProbabilities: [Double]? = nil) -> [Summary] {
        precondition(churnProbabilities.map { $0.count == scores.count } ?? true,
                     "\(churnProbabilities?.count ?? 0) probabilities for \(scores.count) customers")
        var counts: [RFMSegment: Int] = [:], revenue: [RFMSegment: Double] = [:], probability: [RFMSegment: Double] = [:]
        for (i, score) in scores.enumerated() {
            let segment = score.segment
            counts[segment, default: 0] += 1
            revenue[segment, default: 0] += monetaryTotal[i]
            if let churnProbabilities { probability[segment, default: 0] += churnProbabilities[i] }
        }
        let n = Double(max(scores.count, 1))
        return RFMSegment.allCases.map { segment in
            let count = counts[segment] ?? 0
            return Summary(segment: segment, customers: count, share: Double(count) / n, revenue: revenue[segment] ?? 0,
                           meanChurnProbability: churnProbabilities == nil || count == 0 ? nil : probability[segment]! / Double(count))
        }
    }

    /// The column names the per-customer output and `--with-segments` add.
    public static let columnNames = ["recency_score", "frequency_score", "monetary_score", "rfm_score", "segment"]

    /// The values of ``columnNames`` for row `i`, as text.
    public func fields(_ i: Int) -> [String] {
        let s = scores[i]
        return [String(s.recency), String(s.frequency), String(s.monetary), s.code, s.segment.rawValue]
    }
}
