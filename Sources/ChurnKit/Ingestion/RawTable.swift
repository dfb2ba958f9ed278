/// A small CSV table held as text: one row per customer, as labelled (contractual) data comes.
///
/// Tables like the IBM telco set have thousands of rows, not millions, so keeping the text is
/// fine; the encoder decides later which columns are numeric. Line numbers are kept per row so
/// errors in any column can still say where.
public struct RawTable: Sendable {
    public var path: String
    public var header: [String]
    /// `cells[row][column]`.
    public var cells: [[String]]
    public var lines: [Int]

    public static func read(path: String) throws -> RawTable {
        var header: [String] = []
        var cells: [[String]] = []
        var lines: [Int] = []
        try CSVFileReader(path: path).forEachRecord(header: { names in
            header = names
            return names.count
        }) { record in
            guard record.fieldCount == header.count else {
                let reason = record.fieldCount < header.count
                    ? "missing field: expected \(header.count) fields, found \(record.fieldCount)"
                    : "extra field: expected \(header.count) fields, found \(record.fieldCount)"
                throw IngestionError.malformedRow(file: path, line: record.line,
                                                  column: record.fieldCount < header.count ? header[record.fieldCount] : nil, reason: reason)
            }
            cells.append((0..<record.fieldCount).map { record.string($0) })
            lines.append(record.line)
        }
        guard !cells.isEmpty else { throw IngestionError.noRows(file: path) }
        return RawTable(path: path, header: header, cells: cells, lines: lines)
    }

    public var rowCount: Int { cells.count }

    /// The index of `name`, or a ``IngestionError/missingColumn(file:column:available:)``.
    public func columnIndex(_ name: String) throws -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw IngestionError.missingColumn(file: path, column: name, available: header)
        }
        return index
    }
}
