#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses a decimal number from raw bytes, correctly rounded, without building a `String`.
///
/// Amounts in transaction logs are short decimals (`12.99`); for those the mantissa fits in 53
/// bits and the power of ten is exact, so one multiply or divide is correctly rounded (Clinger's
/// fast path). Anything else (long mantissas, big exponents) goes to `strtod`.
enum DecimalParser {
    private static let exactPowersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { acc, _ in acc * 10 } }

    enum Failure: Error { case notANumber, notFinite }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Double, Failure> {
        let n = bytes.count
        guard n > 0 else { return .failure(.notANumber) }
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var sawPoint = false
        var sawAnyDigit = false
        while i < n {
            let byte = bytes[i]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                sawAnyDigit = true
                if mantissa != 0 || byte != UInt8(ascii: "0") { digits += 1 }
                if digits > 19 { return slowPath(bytes) }
                mantissa = mantissa &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
                if sawPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            i += 1
        }
        if i < n {
            // An exponent, `nan`, `inf` or garbage: let strtod decide, then check finiteness.
            return slowPath(bytes)
        }
        guard sawAnyDigit else { return .failure(.notANumber) }
        guard mantissa < (1 << 53), fractionDigits <= 22 else { return slowPath(bytes) }
        let magnitude = Double(mantissa) / exactPowersOfTen[fractionDigits]
        return .success(negative ? -magnitude : magnitude)
    }

    private static func slowPath(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Double, Failure> {
        var text = [CChar](repeating: 0, count: bytes.count + 1)
        for i in 0..<bytes.count { text[i] = CChar(bitPattern: bytes[i]) }
        return text.withUnsafeBufferPointer { buffer -> Result<Double, Failure> in
            var end: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(buffer.baseAddress!, &end)
            guard let end, end - UnsafeMutablePointer(mutating: buffer.baseAddress!) == bytes.count, bytes.count > 0 else {
                return .failure(.notANumber)
            }
            return value.isFinite ? .success(value) : .failure(.notFinite)
        }
    }

    /// Parses a `String` field (used by the labelled-table path, where speed matters less).
    static func parse(_ text: Substring) -> Double? {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { buffer in
            if case let .success(value) = parse(UnsafeBufferPointer(buffer)) { return value }
            return nil
        }
    }
}
