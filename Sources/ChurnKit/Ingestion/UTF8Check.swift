/// UTF-8 validation for raw field bytes.
///
/// Customer ids and table cells are kept as text; bytes that are not UTF-8 would be turned into
/// U+FFFD by `String(decoding:)`, and two different ids would then print, join and group as the
/// same customer. Readers therefore reject such fields (a bad row naming line and column).
enum UTF8Check {
    /// True when `bytes` is well-formed UTF-8 (no overlong forms, surrogates or values past
    /// U+10FFFF). ASCII, the common case, costs one pass of comparisons.
    @inline(__always)
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii { return true }
        return String(validating: bytes, as: UTF8.self) != nil
    }
}
