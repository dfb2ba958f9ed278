
/// How rows are put into bands: by probability thresholds, or by rank.
///
/// - `probability(high:medium:)`: `p ≥ high` is high, `medium ≤ p < high` medium, below low
///   (defaults 0.7 and 0.4). A probability equal to a threshold is in the higher band.
/// - `rank(high:medium:)`: the top `⌊high·n⌋` ranked rows are high, the rows down to `⌊medium·n⌋`
///   medium, the rest low (defaults 0.1 and 0.3: top 10% high, next 20% medium), the same floor
///   convention as the deciles.
public enum RiskBands: Sendable, Equatable {
    /// By probability thresholds: `p ≥ high` high, `medium ≤ p < high` medium.
    case probability(high: Double, medium: Double)
    /// By rank: the top `⌊high·n⌋` rows high, down to `⌊medium·n⌋` medium.
    case rank(high: Double, medium: Double)

    /// `p ≥ 0.7` high, `p ≥ 0.4` medium (`churn score`'s default).
    public static let defaultProbability = RiskBands.probability(high: 0.7, medium: 0.4)
    /// The top 10% high, the next 20% medium (`--band-by rank`'s default).
    public static let defaultRank = RiskBands.rank(high: 0.1, medium: 0.3)

    /// Checks `0 ≤ medium ≤ high ≤ 1` for probabilities, `0 ≤ high ≤ medium ≤ 1` for rank
    /// fractions (the medium fraction counts from the top, so it includes the high rows).
    public func validated() throws -> RiskBands {
        switch self {
        case let .probability(high, medium):
            guard high.isFinite, medium.isFinite, 0 <= medium, medium <= high, high <= 1 else {
                throw FeatureError.invalidOption("probability bands need 0 ≤ medium ≤ high ≤ 1, got high \(NumberText.format(high)), medium \(NumberText.format(medium))")
            }
        case let .rank(high, medium):
            guard high.isFinite, medium.isFinite, 0 <= high, high <= medium, medium <= 1 else {
                throw FeatureError.invalidOption("rank bands need 0 ≤ high ≤ medium ≤ 1 (fractions from the top), got high \(NumberText.format(high)), medium \(NumberText.format(medium))")
            }
        }
        return self
    }

    /// The band of the row at 0-based `rankIndex` of `count`, with probability `probability`.
    public func band(probability: Double, rankIndex: Int, count: Int) -> RiskBand {
        switch self {
        case let .probability(high, medium):
            return probability >= high ? .high : probability >= medium ? .medium : .low
        case let .rank(high, medium):
            if rankIndex < Int((high * Double(count)).rounded(.down)) { return .high }
            if rankIndex < Int((medium * Double(count)).rounded(.down)) { return .medium }
            return .low
        }
    }

    /// `p ≥ 0.7 high, ≥ 0.4 medium` or `top 10% high, next 20% medium`, for summaries.
    public var summary: String {
        switch self {
        case let .probability(high, medium):
            return "probability ≥ \(NumberText.format(high)) high, ≥ \(NumberText.format(medium)) medium"
        case let .rank(high, medium):
            return "top \(NumberText.format(100 * high))% high, next \(NumberText.format(100 * (medium - high)))% medium"
        }
    }
}

