/// A data table for a report: a caption, column headers and rows of already formatted cells.
///
/// Cells are plain text (escaped when rendered). Columns listed in `numericColumns` are right-
/// aligned, so digits line up.
public struct HTMLTable: Sendable {
    public var caption: String
    public var headers: [String]
    public var rows: [[String]]
    public var numericColumns: Set<Int>

    public init(caption: String, headers: [String], rows: [[String]], numericColumns: Set<Int>? = nil) {
        for row in rows { precondition(row.count == headers.count, "a row of \(row.count) cells under \(headers.count) headers") }
        self.caption = caption
        self.headers = headers
        self.rows = rows
        self.numericColumns = numericColumns ?? Set(1..<max(headers.count, 1))
    }

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
