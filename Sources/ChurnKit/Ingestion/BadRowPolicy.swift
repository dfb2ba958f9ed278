/// What to do with a row that cannot be read.
public enum BadRowPolicy: String, Sendable, CaseIterable {
    /// Stop at the first bad row with an error naming file, line and column (the default).
    case fail
    /// Skip bad rows, count them, and optionally write each with its reason to a rejects file.
    case skip
}
