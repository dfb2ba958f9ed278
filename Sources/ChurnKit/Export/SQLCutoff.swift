/// The date a SQL script computes features as of: a fixed day, or whatever the table's latest
/// date is when the query runs.
///
/// A script that runs nightly against a growing table wants ``latest``; a script that must match
/// a model trained or scored at a known cut-off wants ``date(_:)``.
public enum SQLCutoff: Sendable, Equatable, CustomStringConvertible {
    /// Features as of this day (purchases after it are not read, except as holdout).
    case date(CalendarDay)
    /// Features as of the latest date in the table, found by the query itself.
    case latest

    /// The cut-off as a SQL comment names it.
    public var description: String {
        switch self {
        case let .date(day): return day.description
        case .latest: return "the latest date in the table"
        }
    }
}
