/// Number formatting shared by every writer: shortest text that reads back to the same `Double`.
///
/// Each format has a byte form (`append…(to:)`) that writes into a reused buffer, for writers of
/// millions of rows, and a `String` form built from it, so both give the same bytes.
package enum NumberText {
    /// `24` for integral values, otherwise Swift's round-tripping `description` (`0.7005515486`).
    package static func format(_ value: Double) -> String {
        var bytes: [UInt8] = []
        appendFormat(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``format(_:)`` appended to `out` as UTF-8.
    package static func appendFormat(_ value: Double, to out: inout [UInt8]) {
        if value.isNaN {
            out.append(contentsOf: [UInt8(ascii: "N"), UInt8(ascii: "a"), UInt8(ascii: "N")])
        } else if value == value.rounded(), abs(value) < 1e15 {
            appendInteger(Int64(value), to: &out)
        } else {
            appendShortest(value, to: &out)
        }
    }

    /// `value.description` appended to `out`: Swift's shortest round-trip text (SwiftDtoa),
    /// so the bytes are `description`'s by definition. It makes one short-lived `String` (no heap
    /// allocation up to 15 bytes); the runtime's formatter is not public API, and a copy of the
    /// algorithm here would be a second implementation to keep byte-identical.
    package static func appendShortest(_ value: Double, to out: inout [UInt8]) {
        out.append(contentsOf: value.description.utf8)
    }

    /// The decimal digits of `value`, with a leading `-` when negative.
    package static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var position = 20
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { out.append(UInt8(ascii: "-")) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[position..<20]))
        }
    }

    /// A JSON number, or `null` for NaN and infinities (JSON has no literal for them).
    package static func json(_ value: Double) -> String { value.isFinite ? format(value) : "null" }

    /// ``json(_:)`` appended to `out`.
    package static func appendJSON(_ value: Double, to out: inout [UInt8]) {
        if value.isFinite { appendFormat(value, to: &out) } else { out.append(contentsOf: "null".utf8) }
    }

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
        var bytes: [UInt8] = []
        appendFixed(value, decimals, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``fixed(_:_:)`` appended to `out` as UTF-8.
    package static func appendFixed(_ value: Double, _ decimals: Int, to out: inout [UInt8]) {
        guard value.isFinite else {
            out.append(contentsOf: (value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf")).utf8)
            return
        }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (abs(value) * scale).rounded()
        // Beyond 2⁶³ the integer path cannot hold the digits; such values are shown as Swift prints them.
        guard rounded < 9.0e18 else {
            appendShortest(value, to: &out)
            return
        }
        let negative = value < 0 && rounded > 0
        // Digits are written right to left into a small stack buffer.
        var remaining = UInt64(rounded)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
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
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[position..<48]))
        }
    }
}
