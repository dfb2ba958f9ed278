/// The three outreach bands of a risk list.
public enum RiskBand: String, Sendable, CaseIterable, Codable {
    /// The first to contact.
    case high
    /// Worth a lighter touch.
    case medium
    /// The rest.
    case low
}
