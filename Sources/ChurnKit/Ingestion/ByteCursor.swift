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
