/// How a log writes its dates when they are not ISO 8601: a `strftime`-style pattern such as
/// `%d/%m/%Y` (day first), `%m/%d/%Y` (month first) or `%d.%m.%Y %H:%M`.
///
/// `%Y` is a four-digit year, `%m` and `%d` a month and day of one or two digits, `%H`, `%M`,
/// `%S` hours, minutes and seconds of one or two digits, `%z` a UTC offset (`Z`, `+01`, `+0100`,
/// `+01:00`), `%%` a percent sign; every other character must appear as written. A date that does
/// not match is a bad row naming its line and column (a log whose dates are ambiguous, `01/02`,
/// is read the one way the pattern says, never guessed per row).
public struct DateFormat: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The strftime-style pattern as given (`%d/%m/%Y`).
    public let pattern: String
    private let tokens: [Token]

    private enum Token: Equatable, Sendable {
        case year, month, day, hour, minute, second, offset
        case literal(UInt8)
    }

    /// A pattern that cannot read dates.
    public enum PatternError: Error, Equatable, CustomStringConvertible {
        /// A `%` directive outside the supported strftime subset.
        case unknownDirective(pattern: String, directive: String)
        /// The pattern lacks a part every date needs (year, month or day).
        case missing(pattern: String, what: String)

        public var description: String {
            switch self {
            case let .unknownDirective(pattern, directive):
                return "the date format '\(pattern)' uses '\(directive)'; known: %Y %m %d %H %M %S %z %%"
            case let .missing(pattern, what):
                return "the date format '\(pattern)' has no \(what)"
            }
        }
    }

    /// Compiles a pattern of `%Y %m %d %H %M %S %z %%` and literal characters; it must name a year, a month and a day.
    public init(pattern: String) throws(PatternError) {
        var tokens: [Token] = []
        var bytes = Array(pattern.utf8)[...]
        while let byte = bytes.popFirst() {
            guard byte == UInt8(ascii: "%") else { tokens.append(.literal(byte)); continue }
            guard let directive = bytes.popFirst() else { throw .unknownDirective(pattern: pattern, directive: "%") }
            switch directive {
            case UInt8(ascii: "Y"): tokens.append(.year)
            case UInt8(ascii: "m"): tokens.append(.month)
            case UInt8(ascii: "d"): tokens.append(.day)
            case UInt8(ascii: "H"): tokens.append(.hour)
            case UInt8(ascii: "M"): tokens.append(.minute)
            case UInt8(ascii: "S"): tokens.append(.second)
            case UInt8(ascii: "z"): tokens.append(.offset)
            case UInt8(ascii: "%"): tokens.append(.literal(UInt8(ascii: "%")))
            default: throw .unknownDirective(pattern: pattern, directive: "%" + String(decoding: [directive], as: UTF8.self))
            }
        }
        for (token, what) in [(Token.year, "year (%Y)"), (.month, "month (%m)"), (.day, "day (%d)")] where !tokens.contains(token) {
            throw .missing(pattern: pattern, what: what)
        }
        self.pattern = pattern
        self.tokens = tokens
    }

    public var description: String { pattern }

    /// The fields of a date written in this format; nil when the text does not match it.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> DateTimeFields? {
        var cursor = ByteCursor(bytes)
        var fields = DateTimeFields(year: 0, month: 0, day: 0)
        var hour: Int?, minute = 0, second = 0
        for token in tokens {
            switch token {
            case .year: guard let v = cursor.digits(exactly: 4) else { return nil }; fields.year = v
            case .month: guard let v = cursor.digits(from: 1, to: 2) else { return nil }; fields.month = v
            case .day: guard let v = cursor.digits(from: 1, to: 2) else { return nil }; fields.day = v
            case .hour: guard let v = cursor.digits(from: 1, to: 2), v <= 23 else { return nil }; hour = v
            case .minute: guard let v = cursor.digits(from: 1, to: 2), v <= 59 else { return nil }; minute = v
            case .second: guard let v = cursor.digits(from: 1, to: 2), v <= 60 else { return nil }; second = v
            case .offset: guard let v = cursor.offset() else { return nil }; fields.offsetSeconds = v
            case let .literal(byte): guard cursor.skip(byte) else { return nil }
            }
        }
        guard cursor.atEnd else { return nil }
        if let hour { fields.secondsOfDay = hour * 3600 + minute * 60 + second }
        return fields
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(pattern: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(pattern)
    }
}
