import Foundation

/// A time-zone name the system does not know.
public struct UnknownTimeZone: Error, Equatable, CustomStringConvertible {
    /// The name as given.
    public let identifier: String
    public var description: String {
        "unknown time zone '\(identifier)': give an IANA name such as UTC, Europe/Berlin or America/New_York "
            + "(`timedatectl list-timezones` lists them; they are the files under /usr/share/zoneinfo)"
    }
}
