/// A small CSV table held as text: one row per customer, as labelled (contractual) data comes.
///
/// Tables like the IBM telco set have thousands of rows, not millions, so keeping the text is
/// fine; the encoder decides later which columns are numeric. Line numbers are kept per row so
/// errors in any column can still say where.
public struct RawTable: Sendable {
    /// Where the table came from (a path, or a name for a table built in memory), for messages.
    public var path: String
    /// Column names, left to right.
    public var header: [String]
    /// `cells[row][column]`.
    public var cells: [[String]]
    /// The file line of each row (1-based, the header is line 1), for errors.
    public var lines: [Int]

    /// Reads the table. Every cell must be valid UTF-8 (a bad row otherwise: two different byte
    /// strings must never become the same category or id). `digest`, when given, receives the
    /// file's bytes as they are read; `delimiter` separates the fields.
    public static func read(path: String, limits: CSVLimits? = nil, digest: ContentDigest? = nil, delimiter: FieldDelimiter = .comma) throws -> RawTable {
        var header: [String] = []
        var cells: [[String]] = []
        var lines: [Int] = []
        let reader = CSVFileReader(path: path, limits: limits, digest: digest, delimiter: delimiter)
        let file = reader.displayName
        try reader.forEachRecord(header: { names in
            header = names
            return names.count
        }) { record in
            guard record.fieldCount == header.count else {
                let reason = record.fieldCount < header.count
                    ? "missing field: expected \(header.count) fields, found \(record.fieldCount)"
                    : "extra field: expected \(header.count) fields, found \(record.fieldCount)"
                throw IngestionError.malformedRow(file: file, line: record.line,
                                                  column: record.fieldCount < header.count ? header[record.fieldCount] : nil, reason: reason)
            }
            cells.append(try (0..<record.fieldCount).map { j in
                guard let text = record.validatedString(j) else {
                    throw IngestionError.malformedRow(file: file, line: record.line, column: header[j], reason: "the text is not valid UTF-8")
                }
                return text
            })
            lines.append(record.line)
        }
        guard !cells.isEmpty else { throw IngestionError.noRows(file: file) }
        return RawTable(path: file, header: header, cells: cells, lines: lines)
    }

    /// Data rows (the header not counted).
    public var rowCount: Int { cells.count }

    /// The index of `name`, or a ``IngestionError/missingColumn(file:column:available:)``.
    public func columnIndex(_ name: String) throws -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw IngestionError.missingColumn(file: path, column: name, available: header)
        }
        return index
    }
}
