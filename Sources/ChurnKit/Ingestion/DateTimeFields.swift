/// A date as written in a log, with the time of day and UTC offset when the text has them.
struct DateTimeFields: Equatable {
    var year: Int
    var month: Int
    var day: Int
    /// Seconds since midnight, when a time was written.
    var secondsOfDay: Int?
    /// The written offset from UTC in seconds (`Z` is 0), when one was written.
    var offsetSeconds: Int?

    /// Reads ISO 8601 as logs write it: `YYYY-MM-DD` or `YYYYMMDD`, optionally followed by `T` or a
    /// space and `HH[:MM[:SS[.fff]]]` (or the basic `HHMMSS`), then optionally `Z` or `±HH[[:]MM]`.
    static func parseISO(_ bytes: UnsafeBufferPointer<UInt8>) -> DateTimeFields? {
        var cursor = ByteCursor(bytes)
        guard let year = cursor.digits(exactly: 4) else { return nil }
        let extended = cursor.skip(UInt8(ascii: "-"))
        guard let month = cursor.digits(exactly: 2) else { return nil }
        if extended { guard cursor.skip(UInt8(ascii: "-")) else { return nil } }
        guard let day = cursor.digits(exactly: 2) else { return nil }
        var fields = DateTimeFields(year: year, month: month, day: day)
        if cursor.atEnd { return fields }
        guard cursor.skip(UInt8(ascii: "T")) || cursor.skip(UInt8(ascii: " ")) || cursor.skip(UInt8(ascii: "t")) else { return nil }
        guard let hour = cursor.digits(exactly: 2) else { return nil }
        var minute = 0, second = 0
        let colons = cursor.skip(UInt8(ascii: ":"))
        if let m = cursor.digits(exactly: 2) {
            minute = m
            if colons ? cursor.skip(UInt8(ascii: ":")) : true, let s = cursor.digits(exactly: 2) { second = s }
            if cursor.skip(UInt8(ascii: ".")) || cursor.skip(UInt8(ascii: ",")) {
                guard cursor.digits(atLeast: 1) else { return nil }
            }
        } else if colons {
            return nil
        }
        guard hour <= 24, minute <= 59, second <= 60, hour < 24 || (minute == 0 && second == 0) else { return nil }
        fields.secondsOfDay = hour * 3600 + minute * 60 + second
        if !cursor.atEnd {
            guard let offset = cursor.offset(), cursor.atEnd else { return nil }
            fields.offsetSeconds = offset
        }
        return fields
    }
}

/// Reads numbers and signs from a field's bytes, left to right.
struct ByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    /// Consumes `byte` if it is next.
    mutating func skip(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Exactly `count` decimal digits.
    mutating func digits(exactly count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for k in index..<(index + count) {
            let digit = Int(bytes[k]) &- 48
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
        }
        index += count
        return value
    }

    /// `minimum` to `maximum` decimal digits, as many as there are.
    mutating func digits(from minimum: Int, to maximum: Int) -> Int? {
        var value = 0, count = 0
        while count < maximum, index < bytes.count, (48...57).contains(bytes[index]) {
            value = value * 10 + Int(bytes[index]) - 48
            index += 1
            count += 1
        }
        return count >= minimum ? value : nil
    }

    /// Skips at least `count` digits (a fraction of a second, whose value is not needed).
    mutating func digits(atLeast count: Int) -> Bool {
        var seen = 0
        while index < bytes.count, (48...57).contains(bytes[index]) { index += 1; seen += 1 }
        return seen >= count
    }

    /// `Z`, or `±HH`, `±HHMM`, `±HH:MM`: seconds east of UTC.
    mutating func offset() -> Int? {
        if skip(UInt8(ascii: "Z")) || skip(UInt8(ascii: "z")) { return 0 }
        let sign: Int
        if skip(UInt8(ascii: "+")) { sign = 1 } else if skip(UInt8(ascii: "-")) { sign = -1 } else { return nil }
        guard let hours = digits(exactly: 2), hours <= 23 else { return nil }
        var minutes = 0
        let colon = skip(UInt8(ascii: ":"))
        if let m = digits(exactly: 2) { minutes = m } else if colon { return nil }
        guard minutes <= 59 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }
}
