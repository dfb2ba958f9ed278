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
    /// Bought recently, often and much: R ≥ 4, F ≥ 4, M ≥ 4.
    case champions = "Champions"
    /// Buy often and not long ago: R ≥ 3, F ≥ 4.
    case loyal = "Loyal"
    /// Were among the best, and have not bought for a while: R ≤ 2, F ≥ 4, M ≥ 4.
    case cantLoseThem = "Can't lose them"
    /// Used to buy fairly often and have gone quiet: R ≤ 2, F ≥ 3.
    case atRisk = "At risk"
    /// Recent first purchase: R ≥ 4, F = 1.
    case new = "New"
    /// The other recent customers: R ≥ 3.
    case potentialLoyalist = "Potential loyalist"
    /// Quiet for a while: R = 2.
    case hibernating = "Hibernating"
    /// Quiet for longest: R = 1.
    case lost = "Lost"

    /// The segment of a score triple (each 1–5), by the rules above in their order.
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
