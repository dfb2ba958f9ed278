import Foundation

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
