/// Number formatting shared by every writer: shortest text that reads back to the same `Double`.
package enum NumberText {
    /// `24` for integral values, otherwise Swift's round-tripping `description` (`0.7005515486`).
    package static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }

    /// A JSON number, or `null` for NaN and infinities (JSON has no literal for them).
    package static func json(_ value: Double) -> String { value.isFinite ? format(value) : "null" }

    /// A JSON string literal.
    package static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Fixed decimals for human-readable tables.
    package static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (abs(value) * scale).rounded()
        // Beyond 2⁶³ the integer path cannot hold the digits; such values are shown as Swift prints them.
        guard rounded < 9.0e18 else { return value.description }
        let negative = value < 0 && rounded > 0
        // Digits are written right to left into a small stack buffer: one String per call, which
        // matters when a risk list writes millions of amounts.
        var remaining = UInt64(rounded)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            var position = 48
            var written = 0
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                written += 1
                if written == decimals {
                    position -= 1
                    buffer[position] = UInt8(ascii: ".")
                }
            } while remaining > 0 || written <= decimals
            if negative {
                position -= 1
                buffer[position] = UInt8(ascii: "-")
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[position..<48]), as: UTF8.self)
        }
    }
}
