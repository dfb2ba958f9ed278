/// A data table for a report: a caption, column headers and rows of already formatted cells.
///
/// Cells are plain text (escaped when rendered). Columns listed in `numericColumns` are right-
/// aligned, so digits line up.
public struct HTMLTable: Sendable {
    /// Shown above the table, and what a screen reader announces.
    public var caption: String
    /// Column headers.
    public var headers: [String]
    /// Formatted cells, one array per row, as many cells as headers.
    public var rows: [[String]]
    /// Indices of right-aligned columns (default: every column but the first).
    public var numericColumns: Set<Int>

    /// A table; every row must have one cell per header (a programming error otherwise).
    public init(caption: String, headers: [String], rows: [[String]], numericColumns: Set<Int>? = nil) {
        for row in rows { precondition(row.count == headers.count, "a row of \(row.count) cells under \(headers.count) headers") }
        self.caption = caption
        self.headers = headers
        self.rows = rows
        self.numericColumns = numericColumns ?? Set(1..<max(headers.count, 1))
    }

    /// The `<table>` element, all text escaped.
    public func html() -> String {
        var out = "<table>\n<caption>\(HTMLText.escape(caption))</caption>\n<thead><tr>"
        for (j, header) in headers.enumerated() {
            out += "<th scope=\"col\"\(numericColumns.contains(j) ? " class=\"num\"" : "")>\(HTMLText.escape(header))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>"
            for (j, cell) in row.enumerated() {
                out += "<td\(numericColumns.contains(j) ? " class=\"num\"" : "")>\(HTMLText.escape(cell))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }
}
