/// How a log writes its dates when they are not ISO 8601: a `strftime`-style pattern such as
/// `%d/%m/%Y` (day first), `%m/%d/%Y` (month first) or `%d.%m.%Y %H:%M`.
///
/// `%Y` is a four-digit year, `%m` and `%d` a month and day of one or two digits, `%b` (or `%B`)
/// a month's English name, abbreviated or in full, in any case (`Dec`, `DECEMBER`; glibc's
/// `strptime` reads both forms for either directive), `%H`, `%M`, `%S` hours, minutes and seconds
/// of one or two digits, `%z` a UTC offset (`Z`, `+01`, `+0100`, `+01:00`), `%%` a percent sign;
/// every other character must appear as written. A date that does
/// not match is a bad row naming its line and column (a log whose dates are ambiguous, `01/02`,
/// is read the one way the pattern says, never guessed per row).
public struct DateFormat: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The strftime-style pattern as given (`%d/%m/%Y`).
    public let pattern: String
    private let tokens: [Token]

    private enum Token: Equatable, Sendable {
        case year, month, monthName, day, hour, minute, second, offset
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
                return "the date format '\(pattern)' uses '\(directive)'; known: %Y %m %b %d %H %M %S %z %%"
            case let .missing(pattern, what):
                return "the date format '\(pattern)' has no \(what)"
            }
        }
    }

    /// Compiles a pattern of `%Y %m %b %d %H %M %S %z %%` and literal characters; it must name a year, a month and a day.
    public init(pattern: String) throws(PatternError) {
        var tokens: [Token] = []
        var bytes = Array(pattern.utf8)[...]
        while let byte = bytes.popFirst() {
            guard byte == UInt8(ascii: "%") else { tokens.append(.literal(byte)); continue }
            guard let directive = bytes.popFirst() else { throw .unknownDirective(pattern: pattern, directive: "%") }
            switch directive {
            case UInt8(ascii: "Y"): tokens.append(.year)
            case UInt8(ascii: "m"): tokens.append(.month)
            case UInt8(ascii: "b"), UInt8(ascii: "B"): tokens.append(.monthName)
            case UInt8(ascii: "d"): tokens.append(.day)
            case UInt8(ascii: "H"): tokens.append(.hour)
            case UInt8(ascii: "M"): tokens.append(.minute)
            case UInt8(ascii: "S"): tokens.append(.second)
            case UInt8(ascii: "z"): tokens.append(.offset)
            case UInt8(ascii: "%"): tokens.append(.literal(UInt8(ascii: "%")))
            default: throw .unknownDirective(pattern: pattern, directive: "%" + String(decoding: [directive], as: UTF8.self))
            }
        }
        for (token, what) in [(Token.year, "year (%Y)"), (.day, "day (%d)")] where !tokens.contains(token) {
            throw .missing(pattern: pattern, what: what)
        }
        if !tokens.contains(.month) && !tokens.contains(.monthName) { throw .missing(pattern: pattern, what: "month (%m or %b)") }
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
            case .monthName: guard let v = Self.monthName(&cursor) else { return nil }; fields.month = v
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

    /// English month names, lowercase, as bytes.
    private static let monthNames: [[UInt8]] = ["january", "february", "march", "april", "may", "june", "july", "august",
                                                "september", "october", "november", "december"].map { Array($0.utf8) }

    /// The month (1…12) named by `word`: a month's first three letters or its whole name, in any
    /// case. Compares bytes, so reading a log's dates allocates nothing per row.
    static func month(named word: some Collection<UInt8>) -> Int? {
        guard word.count == 3 || (4...9).contains(word.count) else { return nil }
        for (k, name) in monthNames.enumerated() where word.count == 3 || word.count == name.count {
            if zip(word, name).allSatisfy({ $0 | 0x20 == $1 }) { return k + 1 }
        }
        return nil
    }

    /// The month (1…12) of the letters at the cursor (``month(named:)``).
    private static func monthName(_ cursor: inout ByteCursor) -> Int? {
        let start = cursor.index
        while cursor.index < cursor.bytes.count, cursor.index - start < 9 {
            let byte = cursor.bytes[cursor.index] | 0x20   // ASCII lowercase
            guard byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") else { break }
            cursor.index += 1
        }
        return month(named: cursor.bytes[start..<cursor.index])
    }

    /// What to do about a date the default reader could not read, for its error message: the
    /// pattern it looks like (``suggestion(for:)``) to give as the date format, or, for a whole
    /// number from 20000 to 80000, that it looks like a spreadsheet's serial day (1954–2119);
    /// nil when neither.
    public static func readingHint(for text: String) -> String? {
        if let pattern = suggestion(for: text) { return "it looks like \(pattern): give the pattern as dateFormat" }
        let trimmed = text.trimmingWhitespace
        if trimmed.count == 5, let day = Int(trimmed), (20_000...80_000).contains(day) {
            return "it looks like a spreadsheet's serial day number (days since 1899-12-30); format the column as dates (YYYY-MM-DD) before exporting"
        }
        return nil
    }

    /// A pattern for a date this reader does not take as ISO 8601, guessed from its shape, in
    /// words for an error message: `'%m/%d/%Y %H:%M' (month first) or '%d/%m/%Y %H:%M' (day
    /// first)` for `12/1/2010 8:26`; nil when the text has no recognizable date shape. Both
    /// orders are named when the numbers allow both: the log, not one cell, decides.
    public static func suggestion(for text: String) -> String? {
        // Date, then a time when the last blank-separated word has a colon.
        var words = text.split(separator: " ")
        let timePart: Substring? = words.count > 1 && words.last!.contains(":") ? words.removeLast() : nil
        let datePart = Substring(words.joined(separator: " "))
        let timePattern: String
        if let timePart {
            let pieces = timePart.split(separator: ":", omittingEmptySubsequences: false)
            guard (2...3).contains(pieces.count),
                  pieces.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy { $0 >= "0" && $0 <= "9" } }) else { return nil }
            timePattern = pieces.count == 2 ? " %H:%M" : " %H:%M:%S"
        } else {
            timePattern = ""
        }
        guard let separator = datePart.first(where: { "/.- ".contains($0) }) else { return nil }
        let parts = datePart.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        let isNumber = { (part: Substring) in !part.isEmpty && part.allSatisfy { $0 >= "0" && $0 <= "9" } }
        let isName = { (part: Substring) in month(named: part.utf8) != nil }
        let sep = String(separator)
        func pattern(_ fields: [String]) -> String { "'" + fields.joined(separator: sep) + timePattern + "'" }
        switch (parts[0], parts[1], parts[2]) {
        case let (y, m, d) where y.count == 4 && isNumber(y) && isNumber(m) && isNumber(d) && m.count <= 2 && d.count <= 2:
            return pattern(["%Y", "%m", "%d"])
        case let (d, m, y) where isNumber(d) && d.count <= 2 && isName(m) && y.count == 4 && isNumber(y):
            return pattern(["%d", "%b", "%Y"])
        case let (m, d, y) where isName(m) && isNumber(d) && d.count <= 2 && y.count == 4 && isNumber(y):
            return pattern(["%b", "%d", "%Y"])
        case let (a, b, y) where isNumber(a) && isNumber(b) && a.count <= 2 && b.count <= 2 && y.count == 4 && isNumber(y):
            let (first, second) = (Int(a)!, Int(b)!)
            let monthFirst = pattern(["%m", "%d", "%Y"]), dayFirst = pattern(["%d", "%m", "%Y"])
            if first > 12 && second <= 12 { return dayFirst + " (day first)" }
            if second > 12 && first <= 12 { return monthFirst + " (month first)" }
            return monthFirst + " (month first) or " + dayFirst + " (day first)"
        default:
            return nil
        }
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
