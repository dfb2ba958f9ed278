/// Deciles of a ranking: decile `d` (1 = riskiest) holds the 0-based ranked rows
/// `⌊(d−1)·n/10⌋ ..< ⌊d·n/10⌋`, as in the gains table.
public enum RiskDecile {
    /// The decile (1–10) of the row at 0-based `rankIndex` of `count` ranked rows.
    public static func decile(rankIndex: Int, count: Int) -> Int {
        // The smallest d with rankIndex < ⌊d·n/10⌋, i.e. d = ⌈10·(rankIndex + 1)/n⌉.
        let d = (10 * (rankIndex + 1) + count - 1) / count
        return min(max(d, 1), 10)
    }
}
