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
