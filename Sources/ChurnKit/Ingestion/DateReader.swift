import Foundation

/// Turns a log's date field into the purchase day: the date format (ISO 8601 unless given), then,
/// for a time written with a UTC offset, the day in the business time zone.
struct DateReader {
    let format: DateFormat?
    let offsets: TimeZoneOffsets

    init(format: DateFormat?, timeZone: BusinessTimeZone) {
        self.format = format
        offsets = TimeZoneOffsets(timeZone)
    }

    enum Outcome: Equatable {
        case day(Int32)
        /// The text is not a date in the expected format (or not a real date: 1997-02-30).
        case unreadable
        /// A real date whose day in the business time zone falls outside 0001-01-01…9999-12-31.
        case outOfRange
    }

    /// 0001-01-01 and 9999-12-31 as days since 1970-01-01.
    static let supportedDays: ClosedRange<Int64> = -719_162...2_932_896

    @inline(__always)
    func day(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        guard let fields = format.map({ $0.parse(bytes) }) ?? DateTimeFields.parseISO(bytes),
              let written = CalendarDay(year: fields.year, month: fields.month, day: fields.day) else { return .unreadable }
        guard let offset = fields.offsetSeconds else { return .day(written.daysSinceEpoch) }
        let utc = Int64(written.daysSinceEpoch) * 86_400 + Int64(fields.secondsOfDay ?? 0) - Int64(offset)
        let local = utc + Int64(offsets.offset(atUTCSeconds: utc))
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        guard Self.supportedDays.contains(day) else { return .outOfRange }
        return .day(Int32(day))
    }
}
