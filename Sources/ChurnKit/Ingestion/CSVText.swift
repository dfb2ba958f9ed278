import Foundation

/// CSV output helpers shared by every writer.
package enum CSVText {
    /// Quotes a field when it holds a comma, quote or line break (RFC 4180), doubling its quotes.
    ///
    /// Decided on the UTF-8 bytes, not on `Character`s: "\r\n" is one `Character`, equal to
    /// neither "\r" nor "\n", and a combining mark after a comma or quote makes one `Character`
    /// with it, so a `Character` test would leave such a field unquoted and the file unreadable.
    package static func quoted(_ field: String) -> String {
        let special: (UInt8) -> Bool = { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard field.utf8.contains(where: special) else { return field }
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(field.utf8.count + 8)
        for byte in field.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }
}
