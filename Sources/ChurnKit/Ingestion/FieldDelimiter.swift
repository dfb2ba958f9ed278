/// What separates the fields of a record: one byte (`,` by default, tab, `;`, `|`) or, for
/// fixed-width-looking text exports such as lifetimes' `CDNOW_master.txt`, any run of spaces and
/// tabs (leading and trailing blanks ignored, so an empty field cannot be written).
///
/// Quoting follows RFC 4180 with every delimiter: a field that starts with `"` runs to the
/// closing quote, `""` inside it is one quote.
public enum FieldDelimiter: String, Sendable, Equatable, Codable, CaseIterable {
    /// `,` (the default).
    case comma
    /// A tab (TSV).
    case tab
    /// `;` (spreadsheets in locales with a decimal comma).
    case semicolon
    /// `|`.
    case pipe
    /// Runs of spaces and tabs, as lifetimes' `CDNOW_master.txt` is laid out.
    case whitespace

    /// The separating byte; nil for ``whitespace``.
    public var byte: UInt8? {
        switch self {
        case .comma: UInt8(ascii: ",")
        case .tab: UInt8(ascii: "\t")
        case .semicolon: UInt8(ascii: ";")
        case .pipe: UInt8(ascii: "|")
        case .whitespace: nil
        }
    }

    /// Reads a delimiter as a person writes it: the character itself (`,` `;` `|`, a tab or the
    /// two characters `\t`) or its name (`comma`, `tab`, `semicolon`, `pipe`, `whitespace`).
    public init?(text: String) {
        switch text {
        case ",", "comma": self = .comma
        case "\t", "\\t", "tab": self = .tab
        case ";", "semicolon": self = .semicolon
        case "|", "pipe": self = .pipe
        case "whitespace", "space", " ": self = .whitespace
        default: return nil
        }
    }
}
