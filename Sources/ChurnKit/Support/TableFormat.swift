/// Output formats for tables and risk lists.
public enum TableFormat: String, Sendable, CaseIterable, Codable {
    /// Comma-separated values with a header row.
    case csv
    /// One JSON object per line.
    case jsonl
}
