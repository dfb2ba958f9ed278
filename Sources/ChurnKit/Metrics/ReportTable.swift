

/// A rectangular report (metrics per period, a cohort grid, NPS per group) that can be written in
/// any ``ReportFormat``. Machine formats carry full precision; the text table rounds each column to
/// its `decimals`.
package struct ReportTable: Sendable, Equatable {
    package struct Column: Sendable, Equatable {
        package var name: String
        /// Decimals in the text table for `.number` cells.
        package var decimals: Int
        package init(_ name: String, decimals: Int = 2) {
            self.name = name
            self.decimals = decimals
        }
    }

    package var columns: [Column]
    package var rows: [[ReportValue]]
    /// Lines printed under the text table (totals, definitions); not part of CSV or JSON Lines.
    package var notes: [String]

    package init(columns: [Column], rows: [[ReportValue]] = [], notes: [String] = []) {
        self.columns = columns
        self.rows = rows
        self.notes = notes
    }

    package mutating func append(_ row: [ReportValue]) {
        precondition(row.count == columns.count, "row has \(row.count) cells, the report has \(columns.count) columns")
        rows.append(row)
    }

    /// The whole report as text, ending with a line break.
    package func rendered(_ format: ReportFormat) -> String {
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
    package func write(to path: String, format: ReportFormat) throws {
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
