/// What can be wrong with an input file, always with the file and, for a row, line and column.
public enum IngestionError: Error, CustomStringConvertible, Equatable {
    /// A row that cannot be read; `text` is the offending field or line, `reason` says why.
    case malformedRow(file: String, line: Int, column: String?, reason: String)
    /// The header lacks a column the job needs; lists the columns the header has.
    case missingColumn(file: String, column: String, available: [String])
    /// The amount column is not in the header. A log without amounts is read with no amount
    /// column (``TransactionColumns/amount`` nil); the message says so.
    case missingAmountColumn(file: String, column: String, available: [String])
    /// The file has no header row at all.
    case emptyFile(file: String)
    /// The file has a header but no data rows.
    case noRows(file: String)
    /// A quoted field was still open at the end of the file.
    case unterminatedQuote(file: String, line: Int)
    /// The header names a column more than once; `positions` are 1-based.
    case duplicateColumn(file: String, column: String, positions: [Int])
    /// A compressed input that is truncated or corrupt; `offset` is the compressed byte reached.
    case corruptCompression(file: String, offset: Int, reason: String)

    public var description: String {
        switch self {
        case let .malformedRow(file, line, column, reason):
            if let column { return "\(file):\(line): column '\(column)': \(reason)" }
            return "\(file):\(line): \(reason)"
        case let .missingColumn(file, column, available):
            return "\(file): no column '\(column)'; the header has: \(available.map { "'\($0)'" }.joined(separator: ", "))" + Self.headerHint(available)
        case let .missingAmountColumn(file, column, available):
            let hint = Self.headerHint(available)
            return "\(file): no amount column '\(column)'; the header has: \(available.map { "'\($0)'" }.joined(separator: ", "))"
                + (hint.isEmpty ? ". A log without amounts can be read without an amount column (the monetary features are then left out)" : hint)
        case let .emptyFile(file):
            return "\(file): the file is empty (expected a header row)"
        case let .noRows(file):
            return "\(file): the file has a header but no data rows"
        case let .unterminatedQuote(file, line):
            return "\(file):\(line): a quoted field is not closed before the end of the file"
        case let .duplicateColumn(file, column, positions):
            return "\(file):1: the header has the column '\(column)' twice (columns \(positions.map(String.init).joined(separator: " and "))); rename one"
        case let .corruptCompression(file, offset, reason):
            return "\(file): byte \(offset) of the compressed input: \(reason)"
        }
    }
}

extension IngestionError {
    /// Whether a header is really a row of data: every name is a number, a date or a time
    /// (digits with `.`, `,`, `-`, `/`, `:`, `+` or blanks), as in a file written without a
    /// header (CDNOW's `CDNOW_master.txt`: `00001 19970101 1 11.77`).
    static func headerLooksLikeData(_ header: [String]) -> Bool {
        let allowed = Set(".,-/:+ "), digit = { (c: Character) in c >= "0" && c <= "9" }
        return !header.isEmpty && header.allSatisfy { name in
            name.contains(where: digit) && name.allSatisfy { digit($0) || allowed.contains($0) }
        }
    }

    /// `. The first row looks like data: …` when ``headerLooksLikeData(_:)``, `. The header is one
    /// column holding ';': …` for a file read with the wrong separator; empty otherwise.
    static func headerHint(_ header: [String]) -> String {
        if header.count == 1, let separator = [";", "\t", "|"].first(where: { header[0].contains($0) }) {
            let shown = separator == "\t" ? "'\\t'" : "'\(separator)'"
            return ". The header is one column holding \(shown): the file is probably \(shown)-separated; read it with delimiter: \(shown)"
        }
        guard headerLooksLikeData(header) else { return "" }
        return ". The first row looks like data, not column names: the file needs a header row naming its columns (for a log, e.g. customer_id,date,amount)"
    }

    /// A field's text for a message: at most 60 characters, so one huge field never floods the
    /// terminal.
    public static func excerpt(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(57)) + "…"
    }
}
