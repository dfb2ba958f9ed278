/// The calendar period retention metrics are reported by: a month, a quarter or a year.
///
/// Periods are calendar periods of the dates as written in the log (no time zone shifts): a month
/// runs from its 1st to its last day inclusive, a quarter is January–March, April–June, July–September
/// or October–December, a year runs from January 1 to December 31. A period is identified by an
/// absolute *period number* (months since year 0, quarters since year 0, or the year), so
/// consecutive periods have consecutive numbers whatever the calendar does.
public enum RetentionPeriod: String, Sendable, CaseIterable, Codable {
    /// Calendar months.
    case month
    /// Calendar quarters.
    case quarter
    /// Calendar years.
    case year

    /// Months per period: 1, 3 or 12.
    public var months: Int {
        switch self {
        case .month: return 1
        case .quarter: return 3
        case .year: return 12
        }
    }

    /// The number of the period holding `day`.
    public func number(of day: CalendarDay) -> Int {
        let (year, month, _) = day.components
        return (year * 12 + month - 1) / months
    }

    /// The first day of period `number`. Defined for every period of a readable date and the one
    /// after it: the period after December 9999 starts on 10000-01-01, which a log cannot hold but
    /// which still bounds the period before it (so a row dated 9999-12-31 is counted, not a trap).
    public func start(of number: Int) -> CalendarDay {
        let monthIndex = number * months
        return CalendarDay(daysSinceEpoch: Int32(CalendarDay.daysFromCivil(year: monthIndex / 12, month: monthIndex % 12 + 1, day: 1)))
    }

    /// The last day of period `number`, inclusive.
    public func end(of number: Int) -> CalendarDay { start(of: number + 1).adding(days: -1) }

    /// `1997-01`, `1997-Q1` or `1997`.
    public func label(of number: Int) -> String {
        let monthIndex = number * months
        let year = String(monthIndex / 12)
        switch self {
        case .month:
            let month = monthIndex % 12 + 1
            return year + (month < 10 ? "-0" : "-") + String(month)
        case .quarter: return year + "-Q" + String(monthIndex % 12 / 3 + 1)
        case .year: return year
        }
    }
}
