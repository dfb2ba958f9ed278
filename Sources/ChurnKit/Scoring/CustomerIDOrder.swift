/// The deterministic order of customer ids used to break ties: ids made only of the digits 0–9
/// come first, in numeric order (`9` before `10`; `007` before `7`, compared as text when the
/// numbers are equal); every other id follows, in text order (Unicode scalar values).
public enum CustomerIDOrder {
    /// Whether `a` comes before `b` in this order (a strict weak order, usable with `sort(by:)`).
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
}
