/// When to take a source's snapshots: the cut-offs at which each customer's features are computed
/// (and, with a horizon, labelled by the days after each). Several cut-offs stack rolling
/// snapshots, one row per customer per cut-off.
public enum SnapshotSchedule: Sendable, Equatable {
    /// One cut-off: the last date in the data minus the horizon (so the holdout is observed), or
    /// the last date itself without a horizon.
    case latest
    /// One cut-off.
    case cutoff(CalendarDay)
    /// These cut-offs, each given once.
    case cutoffs([CalendarDay])
    /// `through` (nil: as ``latest``) and every `days` days before it, while at least `days` days
    /// of history remain before the cut-off; latest first.
    case every(days: Int, through: CalendarDay? = nil)

    /// Each cut-off is a pass over the data and a copy of every customer: a daily step over
    /// centuries of dates would run for days, so the count is bounded.
    public static let maximumCutoffs = 1000

    /// The cut-offs, in the schedule's order (latest first for ``every(days:through:)``).
    /// `dateRange` gives the data's first and last dates; it is called only when needed.
    public func cutoffs(horizonDays: Int?, dateRange: () throws -> ClosedRange<CalendarDay>) throws -> [CalendarDay] {
        let dates: [CalendarDay]
        switch self {
        case .latest:
            dates = [try dateRange().upperBound.adding(days: -(horizonDays ?? 0))]
        case let .cutoff(day):
            dates = [day]
        case let .cutoffs(days):
            dates = days
        case let .every(step, through):
            try ParameterCheck.integer(step, "every_days", in: 1...ParameterCheck.maximumDays)
            let range = try dateRange()
            let last = through ?? range.upperBound.adding(days: -(horizonDays ?? 0))
            // Counted before they are listed: a daily step over centuries of dates is refused
            // without building millions of dates.
            let span = Int(last.daysSinceEpoch) - Int(range.lowerBound.daysSinceEpoch)
            let count = 1 + max(0, span / step - 1)
            guard count <= Self.maximumCutoffs else { throw Self.tooMany(count) }
            let list = (0..<count).map { last.adding(days: -$0 * step) }
            dates = list
        }
        try Self.check(dates)
        return dates
    }

    /// Cut-offs must be given, distinct (a repeated one would train on the same rows twice, and
    /// grouped cross-validation would count them as one customer's two snapshots) and at most
    /// ``maximumCutoffs``.
    static func check(_ cutoffs: [CalendarDay]) throws {
        guard !cutoffs.isEmpty else { throw FeatureError.invalidOption("at least one cut-off is needed") }
        guard cutoffs.count <= maximumCutoffs else {
            throw tooMany(cutoffs.count)
        }
        var seen = Set<CalendarDay>()
        for cutoff in cutoffs where !seen.insert(cutoff).inserted {
            throw FeatureError.invalidOption("cut-off \(cutoff) is given twice; list each cut-off once")
        }
    }

    private static func tooMany(_ count: Int) -> ParameterError {
        ParameterError(parameter: "cutoffs", value: "\(count) cut-offs",
                       allowed: "at most \(maximumCutoffs) cut-offs (snapshots); use a longer step or fewer dates")
    }
}
