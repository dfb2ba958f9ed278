#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses a decimal number from raw bytes, correctly rounded, without building a `String`.
///
/// The grammar is deliberately narrow, so that a value is never read as something the writer did
/// not mean:
///
///     [spaces] [+|-] (digits [. digits*] | . digits) [(e|E) [+|-] digits] [spaces]
///
/// Hex (`0x10`), thousands separators (`1,000`, `1_000`), currency signs (`$5`, `5€`), `inf`
/// and `nan` are not numbers (`strtod` would read `0x10` as 16). Spaces and tabs around the
/// number are ignored. A number too large for a `Double` (`1e999`) is ``Failure/notFinite``, as
/// are the words `inf`, `infinity` and `nan`.
///
/// Amounts in transaction logs are short decimals (`12.99`); for those the mantissa fits in 53
/// bits and the power of ten is exact, so one multiply or divide is correctly rounded (Clinger's
/// fast path). Anything else (long mantissas, exponents) is checked against the grammar here and
/// converted by `strtod`, which rounds correctly.
enum DecimalParser {
    private static let exactPowersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { acc, _ in acc * 10 } }

    enum Failure: Error { case notANumber, notFinite }

    /// The same grammar in the decimal-comma notation (`12,50`, as spreadsheets in most of Europe
    /// write numbers): one comma is the decimal mark, and a point is refused, since there it
    /// separates thousands (`1.234,5`), which the grammar never reads.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Result<Double, Failure> {
        guard decimalComma else { return parse(bytes) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count, 1)) { copy -> Result<Double, Failure> in
            var commas = 0
            for (i, byte) in bytes.enumerated() {
                if byte == UInt8(ascii: ".") { return .failure(.notANumber) }
                if byte == UInt8(ascii: ",") { commas += 1 }
                copy[i] = byte == UInt8(ascii: ",") ? UInt8(ascii: ".") : byte
            }
            guard commas <= 1 else { return .failure(.notANumber) }
            return parse(UnsafeBufferPointer(rebasing: copy[0..<bytes.count]))
        }
    }

    static func parse(_ untrimmed: UnsafeBufferPointer<UInt8>) -> Result<Double, Failure> {
        var first = 0, last = untrimmed.count
        while first < last, untrimmed[first] == 0x20 || untrimmed[first] == 0x09 { first += 1 }
        while last > first, untrimmed[last - 1] == 0x20 || untrimmed[last - 1] == 0x09 { last -= 1 }
        let bytes = UnsafeBufferPointer(rebasing: untrimmed[first..<last])
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
        var fast = true
        while i < n {
            let byte = bytes[i]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                sawAnyDigit = true
                if mantissa != 0 || byte != UInt8(ascii: "0") { digits += 1 }
                if digits > 19 { fast = false } else { mantissa = mantissa &* 10 &+ UInt64(byte &- UInt8(ascii: "0")) }
                if sawPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            i += 1
        }
        guard sawAnyDigit else { return isNonFiniteWord(bytes) ? .failure(.notFinite) : .failure(.notANumber) }
        if i < n {
            // Only an exponent may follow: e, an optional sign, at least one digit, the end.
            guard bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") else { return .failure(.notANumber) }
            i += 1
            if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            let exponentStart = i
            while i < n, bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9") { i += 1 }
            guard i > exponentStart, i == n else { return .failure(.notANumber) }
            return strtodPath(bytes)
        }
        guard fast, mantissa < (1 << 53), fractionDigits <= 22 else { return strtodPath(bytes) }
        let magnitude = Double(mantissa) / exactPowersOfTen[fractionDigits]
        return .success(negative ? -magnitude : magnitude)
    }

    /// `inf`, `infinity` or `nan` in any case, with an optional sign.
    private static func isNonFiniteWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { start = 1 }
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self).lowercased()
        return word == "inf" || word == "infinity" || word == "nan"
    }

    /// Converts text already checked against the grammar.
    private static func strtodPath(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Double, Failure> {
        var text = [CChar](repeating: 0, count: bytes.count + 1)
        for i in 0..<bytes.count { text[i] = CChar(bitPattern: bytes[i]) }
        let value = text.withUnsafeBufferPointer { strtod($0.baseAddress!, nil) }
        return value.isFinite ? .success(value) : .failure(.notFinite)
    }

    /// Parses a `String` field (used by the labelled-table path, where speed matters less).
    static func parse(_ text: Substring) -> Double? {
        if case let .success(value) = parseResult(text) { return value }
        return nil
    }

    /// ``parse(_:)-(UnsafeBufferPointer<UInt8>)`` for a `String` field.
    static func parseResult(_ text: Substring) -> Result<Double, Failure> {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { parse(UnsafeBufferPointer($0)) }
    }
}
