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
    /// R ≥ 4, F ≥ 4, M ≥ 4: bought recently, often, and spend the most.
    case champions = "Champions"
    /// R ≥ 3, F ≥ 4: buy often, recently enough.
    case loyal = "Loyal"
    /// R ≤ 2, F ≥ 4, M ≥ 4: were frequent big spenders, not seen for a while.
    case cantLoseThem = "Can't lose them"
    /// R ≤ 2, F ≥ 3: used to buy regularly, not lately.
    case atRisk = "At risk"
    /// R ≥ 4, F = 1: one recent purchase day.
    case new = "New"
    /// R ≥ 3 (the other recent customers): recent, a few purchases.
    case potentialLoyalist = "Potential loyalist"
    /// R = 2: low recency, few purchases.
    case hibernating = "Hibernating"
    /// R = 1: the least recent, few purchases.
    case lost = "Lost"

    /// The segment of scores R, F, M (1–5 each): the first rule above that holds.
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
