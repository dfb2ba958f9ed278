/// The deterministic order of customer ids used to break ties: ids made only of the digits 0–9
/// come first, in numeric order (`9` before `10`; `007` before `7`, compared as text when the
/// numbers are equal); every other id follows, in text order (Unicode scalar values).
public enum CustomerIDOrder {
    /// Whether id `a` comes before id `b` in this order (a strict total order).
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let aDigits = isDigits(a), bDigits = isDigits(b)
        if aDigits != bDigits { return aDigits }
        if aDigits {
            let x = a.utf8.drop { $0 == UInt8(ascii: "0") }, y = b.utf8.drop { $0 == UInt8(ascii: "0") }
            if x.count != y.count { return x.count < y.count }
            if !x.elementsEqual(y) { return x.lexicographicallyPrecedes(y) }
        }
        return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    static func isDigits(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// ``numericKey(_:)`` of an id that has none.
    static let noNumericKey = UInt64.max

    /// The number an id of digits only stands for, when it has at most 18 significant digits;
    /// ``noNumericKey`` otherwise. Two different keys order their ids as ``precedes(_:_:)`` does
    /// (numerically); equal keys (`007`, `7`) still need ``precedes(_:_:)``.
    static func numericKey(_ s: String) -> UInt64 {
        var value: UInt64 = 0, significant = 0, any = false
        for byte in s.utf8 {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return noNumericKey }
            any = true
            if value == 0 && byte == UInt8(ascii: "0") { continue }
            significant += 1
            if significant > 18 { return noNumericKey }
            value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
        }
        return any ? value : noNumericKey
    }
}
