/// How a report is written: a readable text table, CSV, or JSON Lines.
public enum ReportFormat: String, Sendable, CaseIterable, Codable {
    /// Aligned columns for a terminal; undefined values read `n/a`.
    case table
    /// A header row, then one row per line; undefined values are empty cells.
    case csv
    /// One JSON object per line; undefined values are `null`.
    case jsonl
}

/// One cell of a report.
public enum ReportValue: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case number(Double)
    /// A rate whose denominator is zero (`S = 0`, no previous revenue): empty in CSV, `null` in
    /// JSON, `n/a` in a table.
    case undefined
    /// Nothing to show, e.g. cohort periods after the end of the log: empty everywhere, `null` in JSON.
    case blank

    /// `.number` for a value, `.undefined` for nil.
    public static func rate(_ value: Double?) -> ReportValue { value.map(ReportValue.number) ?? .undefined }
}

/// A rectangular report (metrics per period, a cohort grid, NPS per group) that can be written in
/// any ``ReportFormat``. Machine formats carry full precision; the text table rounds each column to
/// its `decimals`.
public struct ReportTable: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public var name: String
        /// Decimals in the text table for `.number` cells.
        public var decimals: Int
        public init(_ name: String, decimals: Int = 2) {
            self.name = name
            self.decimals = decimals
        }
    }

    public var columns: [Column]
    public var rows: [[ReportValue]]
    /// Lines printed under the text table (totals, definitions); not part of CSV or JSON Lines.
    public var notes: [String]

    public init(columns: [Column], rows: [[ReportValue]] = [], notes: [String] = []) {
        self.columns = columns
        self.rows = rows
        self.notes = notes
    }

    public mutating func append(_ row: [ReportValue]) {
        precondition(row.count == columns.count, "row has \(row.count) cells, the report has \(columns.count) columns")
        rows.append(row)
    }

    /// The whole report as text, ending with a line break.
    public func rendered(_ format: ReportFormat) -> String {
        switch format {
        case .csv:
            var out = columns.map { CSVText.quoted($0.name) }.joined(separator: ",") + "\n"
            for row in rows { out += row.map(Self.csvCell).joined(separator: ",") + "\n" }
            return out
        case .jsonl:
            let keys = columns.map { NumberText.jsonString($0.name) }
            var out = ""
            for row in rows {
                out += "{" + zip(keys, row).map { $0 + ":" + Self.jsonCell($1) }.joined(separator: ",") + "}\n"
            }
            return out
        case .table:
            let cells = [columns.map(\.name)] + rows.map { row in zip(columns, row).map { Self.tableCell($1, decimals: $0.decimals) } }
            var widths = Array(repeating: 0, count: columns.count)
            for line in cells { for (j, cell) in line.enumerated() { widths[j] = max(widths[j], cell.count) } }
            // Text columns left-aligned, numbers right-aligned.
            let leftAligned = columns.indices.map { j in rows.contains { if case .text = $0[j] { return true } else { return false } } }
            var out = ""
            for line in cells {
                let padded = line.enumerated().map { j, cell in
                    let gap = String(repeating: " ", count: widths[j] - cell.count)
                    return leftAligned[j] ? cell + gap : gap + cell
                }
                out += padded.joined(separator: "  ").trailingSpacesRemoved() + "\n"
            }
            for note in notes { out += note + "\n" }
            return out
        }
    }

    /// Writes the report to `path` atomically.
    public func write(to path: String, format: ReportFormat) throws {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(rendered(format))
        try writer.commit()
    }

    static func csvCell(_ value: ReportValue) -> String {
        switch value {
        case let .text(text): return CSVText.quoted(text)
        case let .integer(n): return String(n)
        case let .number(x): return NumberText.format(x)
        case .undefined, .blank: return ""
        }
    }

    static func jsonCell(_ value: ReportValue) -> String {
        switch value {
        case let .text(text): return NumberText.jsonString(text)
        case let .integer(n): return String(n)
        case let .number(x): return NumberText.json(x)
        case .undefined, .blank: return "null"
        }
    }

    static func tableCell(_ value: ReportValue, decimals: Int) -> String {
        switch value {
        case let .text(text): return text
        case let .integer(n): return String(n)
        case let .number(x): return NumberText.fixed(x, decimals)
        case .undefined: return "n/a"
        case .blank: return ""
        }
    }
}

extension String {
    func trailingSpacesRemoved() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return String(self[..<end])
    }
}
