/// The three outreach bands of a risk list.
public enum RiskBand: String, Sendable, CaseIterable, Codable {
    case high, medium, low
}
