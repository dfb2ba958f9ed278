/// A monotone constraint on the main-effect shape of a numeric input (interpret's
/// `monotone_constraints`: `+1` increasing, `-1` decreasing).
///
/// The fitted shape never falls (increasing) or never rises (decreasing) from one non-missing bin
/// to the next; the missing bin is free. ``AdditiveTrainer`` keeps a constrained input out of the
/// interaction pairs, so the whole logit, not only the main effect, is monotone along it.
public enum MonotoneDirection: String, Codable, Sendable, CaseIterable {
    /// Never falls from one bin to the next: more of the input never lowers the risk.
    case increasing
    /// Never rises from one bin to the next: more of the input never raises the risk.
    case decreasing

    /// `+`, `-`, `+1`, `-1`, `increasing` or `decreasing`; nil for anything else.
    public init?(symbol: String) {
        switch symbol.lowercased() {
        case "+", "+1", "1", "increasing": self = .increasing
        case "-", "-1", "decreasing": self = .decreasing
        default: return nil
        }
    }

    /// `+` or `-`.
    public var symbol: String { self == .increasing ? "+" : "-" }
}
