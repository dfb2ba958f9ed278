import Foundation

/// The time zone a business counts its days in: a purchase written with a UTC offset
/// (`2024-01-01T23:30-05:00`) belongs to the day it was in this zone (2024-01-02 in UTC), so the
/// same instant written with two offsets is one purchase day. Dates and times written without an
/// offset are taken as local already, the day as written.
public struct BusinessTimeZone: Sendable, Equatable, Codable, CustomStringConvertible {
    /// An IANA name (`UTC`, `Europe/Berlin`, `America/New_York`).
    public let identifier: String

    /// Coordinated Universal Time, the default: a date-time's day is its UTC day.
    public static let utc = BusinessTimeZone(checked: "UTC")

    private init(checked identifier: String) { self.identifier = identifier }

    /// Refuses a name the system's time-zone database does not know.
    public init(identifier: String) throws(UnknownTimeZone) {
        guard identifier == "UTC" || TimeZone(identifier: identifier) != nil else { throw UnknownTimeZone(identifier: identifier) }
        self.identifier = identifier
    }

    public var description: String { identifier }

    public init(from decoder: Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(identifier: name) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(identifier)
    }
}

/// A time-zone name the system does not know.
public struct UnknownTimeZone: Error, Equatable, CustomStringConvertible {
    /// The name as given.
    public let identifier: String
    public var description: String {
        "unknown time zone '\(identifier)': give an IANA name such as UTC, Europe/Berlin or America/New_York "
            + "(`timedatectl list-timezones` lists them; they are the files under /usr/share/zoneinfo)"
    }
}

/// A zone's offset from UTC at an instant, remembering the interval between two transitions so
/// that a log's rows (mostly close in time) rarely ask Foundation.
final class TimeZoneOffsets {
    private let zone: TimeZone?
    private var validFrom = Int64.max
    private var validUntil = Int64.min
    private var current = 0

    init(_ businessZone: BusinessTimeZone) {
        zone = businessZone.identifier == "UTC" ? nil : TimeZone(identifier: businessZone.identifier)
    }

    /// Seconds east of UTC at `utcSeconds` (seconds since 1970-01-01T00:00Z).
    @inline(__always)
    func offset(atUTCSeconds utcSeconds: Int64) -> Int {
        guard let zone else { return 0 }
        if utcSeconds >= validFrom && utcSeconds < validUntil { return current }
        let instant = Date(timeIntervalSince1970: TimeInterval(utcSeconds))
        current = zone.secondsFromGMT(for: instant)
        // Valid from here until the next transition (rows of a log sorted by date ask once per
        // transition; an earlier row simply asks again).
        validFrom = utcSeconds
        let next = zone.nextDaylightSavingTimeTransition(after: instant)
        validUntil = next.map { Int64($0.timeIntervalSince1970.rounded(.down)) } ?? utcSeconds + 86_400
        return current
    }
}

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
