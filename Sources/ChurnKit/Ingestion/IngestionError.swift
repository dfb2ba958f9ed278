/// What can be wrong with an input file, always with the file and, for a row, line and column.
public enum IngestionError: Error, CustomStringConvertible, Equatable {
    /// A row that cannot be read; `text` is the offending field or line, `reason` says why.
    case malformedRow(file: String, line: Int, column: String?, reason: String)
    /// The header lacks a column the job needs; lists the columns the header has.
    case missingColumn(file: String, column: String, available: [String])
    /// The file has no header row at all.
    case emptyFile(file: String)
    /// The file has a header but no data rows.
    case noRows(file: String)
    /// A quoted field was still open at the end of the file.
    case unterminatedQuote(file: String, line: Int)

    public var description: String {
        switch self {
        case let .malformedRow(file, line, column, reason):
            if let column { return "\(file):\(line): column '\(column)': \(reason)" }
            return "\(file):\(line): \(reason)"
        case let .missingColumn(file, column, available):
            return "\(file): no column '\(column)'; the header has: \(available.map { "'\($0)'" }.joined(separator: ", "))"
        case let .emptyFile(file):
            return "\(file): the file is empty (expected a header row)"
        case let .noRows(file):
            return "\(file): the file has a header but no data rows"
        case let .unterminatedQuote(file, line):
            return "\(file):\(line): a quoted field is not closed before the end of the file"
        }
    }
}

/// What to do with a row that cannot be read.
public enum BadRowPolicy: String, Sendable, CaseIterable {
    /// Stop at the first bad row with an error naming file, line and column (the default).
    case fail
    /// Skip bad rows, count them, and optionally write each with its reason to a rejects file.
    case skip
}
