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
