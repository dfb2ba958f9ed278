/// Named customer segments from recency, frequency and monetary quintile scores.
///
/// The rules are checked in this order; the first that holds names the segment (R, F, M are the
/// 1–5 scores of ``RFMSegments``):
///
/// | segment | rule |
/// |---|---|
/// | Champions | R ≥ 4, F ≥ 4, M ≥ 4 |
/// | Loyal | R ≥ 3, F ≥ 4 |
/// | Can't lose them | R ≤ 2, F ≥ 4, M ≥ 4 |
/// | At risk | R ≤ 2, F ≥ 3 |
/// | New | R ≥ 4, F = 1 |
/// | Potential loyalist | R ≥ 3 (the rest of the recent customers) |
/// | Hibernating | R = 2 |
/// | Lost | R = 1 |
///
/// Every score triple has exactly one segment.
public enum RFMSegment: String, Sendable, CaseIterable, Codable {
    case champions = "Champions"
    case loyal = "Loyal"
    case cantLoseThem = "Can't lose them"
    case atRisk = "At risk"
    case new = "New"
    case potentialLoyalist = "Potential loyalist"
    case hibernating = "Hibernating"
    case lost = "Lost"

    public init(recency r: Int, frequency f: Int, monetary m: Int) {
        if r >= 4 && f >= 4 && m >= 4 { self = .champions }
        else if r >= 3 && f >= 4 { self = .loyal }
        else if r <= 2 && f >= 4 && m >= 4 { self = .cantLoseThem }
        else if r <= 2 && f >= 3 { self = .atRisk }
        else if r >= 4 && f == 1 { self = .new }
        else if r >= 3 { self = .potentialLoyalist }
        else if r == 2 { self = .hibernating }
        else { self = .lost }
    }
}

/// One customer's RFM scores.
public struct RFMScore: Sendable, Equatable {
    public var recency: Int
    public var frequency: Int
    public var monetary: Int

    /// `"545"`: R, F, M.
    public var code: String { "\(recency)\(frequency)\(monetary)" }
    public var segment: RFMSegment { RFMSegment(recency: recency, frequency: frequency, monetary: monetary) }
}

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
    public var customerIDs: [String]
    public var daysSinceLast: [Double]
    public var frequency: [Double]
    public var monetaryTotal: [Double]
    public var scores: [RFMScore]

    public init(_ table: FeatureTable) throws {
        func column(_ feature: TransactionFeature) throws -> [Double] {
            guard let values = table.column(feature.name) else {
                throw FeatureError.unknownColumn(feature.name, available: table.columnNames)
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
    public static func quintileScores(_ values: [Double]) -> [Int] {
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
        public var segment: RFMSegment
        public var customers: Int
        public var share: Double
        public var revenue: Double
        public var meanChurnProbability: Double?
    }

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
