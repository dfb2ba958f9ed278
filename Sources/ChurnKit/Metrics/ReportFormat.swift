/// How a report is written: a readable text table, CSV, or JSON Lines.
public enum ReportFormat: String, Sendable, CaseIterable, Codable {
    /// Aligned columns for a terminal; undefined values read `n/a`.
    case table
    /// A header row, then one row per line; undefined values are empty cells.
    case csv
    /// One JSON object per line; undefined values are `null`.
    case jsonl
}
