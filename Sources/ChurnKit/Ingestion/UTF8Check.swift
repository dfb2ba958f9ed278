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

    /// The bytes as text with each byte of an invalid sequence shown as `\xFF`, so that two
    /// different byte strings never print the same (rejects files, messages).
    static func escaped(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if isValid(bytes) { return String(decoding: bytes, as: UTF8.self) }
        var out = ""
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded):
                out.unicodeScalars.append(Unicode.UTF8.decode(encoded))
                offset += encoded.count
            case let .error(length):
                for k in 0..<length {
                    let byte = bytes[offset + k]
                    out += "\\x" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 15, radix: 16, uppercase: true)
                }
                offset += length
            case .emptyInput:
                return out
            }
        }
    }
}
