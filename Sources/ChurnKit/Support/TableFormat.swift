/// Output formats for tables and risk lists.
public enum TableFormat: String, Sendable, CaseIterable, Codable {
    case csv
    /// One JSON object per line.
    case jsonl
}
