/// Where one field of a CSV record lies in the read buffer.
struct CSVField {
    var start: Int
    var end: Int
    /// The field was quoted and contains `""` escapes that must be collapsed before use.
    var hasEscapedQuotes: Bool
}
