/// A calendar date as a count of days since 1970-01-01 (proleptic Gregorian).
///
/// ChurnKit works at day granularity, as lifetimes does with `freq='D'`: differences of two days
/// are the `recency`, `T` and gap features directly, and an `Int32` holds ±5.8 million years.
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int32

    /// The day `daysSinceEpoch` days after 1970-01-01.
    public init(daysSinceEpoch: Int32) { self.daysSinceEpoch = daysSinceEpoch }

    /// The day for a valid year/month/day; nil when the day does not exist (1997-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CalendarDay.daysIn(month: month, year: year),
              (1...9999).contains(year) else { return nil }
        daysSinceEpoch = Int32(CalendarDay.daysFromCivil(year: year, month: month, day: day))
    }

    /// Parses `YYYY-MM-DD`, `YYYYMMDD`, or an ISO-8601 date-time (`1997-01-01T10:00:00Z`, with an
    /// optional offset); the time of day is ignored and the date is taken as written.
    public init?(parsing text: String) {
        var bytes = Array(text.utf8)
        guard let day = bytes.withUnsafeMutableBufferPointer({ CalendarDay.parse(UnsafeBufferPointer($0)) }) else { return nil }
        self = day
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    /// The day `days` days later (earlier when negative).
    public func adding(days: Int) -> CalendarDay { CalendarDay(daysSinceEpoch: daysSinceEpoch + Int32(days)) }

    /// Year, month (1–12) and day of the month.
    public var components: (year: Int, month: Int, day: Int) { CalendarDay.civilFromDays(Int(daysSinceEpoch)) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's `days_from_civil`.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Parses a date from raw field bytes without building a `String`.
    @inline(__always)
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CalendarDay? {
        let n = bytes.count
        @inline(__always) func digit(_ i: Int) -> Int? {
            let value = Int(bytes[i]) &- 48
            return (0...9).contains(value) ? value : nil
        }
        @inline(__always) func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for i in from..<(from + count) {
                guard let d = digit(i) else { return nil }
                value = value * 10 + d
            }
            return value
        }
        let year: Int, month: Int, day: Int, dateEnd: Int
        if n >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") {
            guard let y = number(0, 4), let m = number(5, 2), let d = number(8, 2) else { return nil }
            (year, month, day, dateEnd) = (y, m, d, 10)
        } else if n >= 8 {
            guard let y = number(0, 4), let m = number(4, 2), let d = number(6, 2) else { return nil }
            (year, month, day, dateEnd) = (y, m, d, 8)
        } else {
            return nil
        }
        if dateEnd < n {
            // A date-time: `T` or a space, then a time we validate loosely and ignore.
            let separator = bytes[dateEnd]
            guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: " "), dateEnd + 1 < n else { return nil }
            guard isPlausibleTime(UnsafeBufferPointer(rebasing: bytes[(dateEnd + 1)...])) else { return nil }
        }
        return CalendarDay(year: year, month: month, day: day)
    }

    /// `HH:MM[:SS[.fff]][Z|±HH[:MM]]` or the basic form without colons.
    private static func isPlausibleTime(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var sawDigit = false
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: ","): continue
            case UInt8(ascii: "Z"), UInt8(ascii: "z"): return sawDigit && index == bytes.count - 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"): guard sawDigit else { return false }
            default: return false
            }
        }
        return sawDigit
    }
}
