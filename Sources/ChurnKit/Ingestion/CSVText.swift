import Foundation

/// CSV output helpers shared by every writer.
package enum CSVText {
    /// Quotes a field when it holds a comma, quote or line break (RFC 4180).
    package static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
