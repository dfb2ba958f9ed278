/// The step that encodes a labelled table (one row per customer) as ``TableEncoding`` does, in SQL:
/// numeric columns with the training median for missing cells plus `<column>_missing`
/// indicators, text columns one-hot over the training levels (an unseen level is all zeros, or
/// 1 in the column `<column>=(other)` when the encoding pooled its rare levels there).
///
/// A cell is missing when it is NULL or its text, without surrounding spaces and tabs, is one of
/// ``TableEncoding/missingMarkers`` (`''`, `NA`, `N/A`, `NaN`, `nan`, `null`, `NULL`). A numeric column may be typed as a number or
/// as text in the warehouse; text that is neither missing nor a number stops the query with an
/// error naming the column, as `churn score` stops.
struct TableEncodingSQL: Sendable {
    var dialect: SQLDialect
    var table: String
    var encoding: TableEncoding
    /// The column holding customer ids.
    var idColumn: String

    init(dialect: SQLDialect, table: String, encoding: TableEncoding, idColumn: String) {
        self.dialect = dialect
        self.table = table
        self.encoding = encoding
        self.idColumn = idColumn
    }

    /// Appends the step `features`: `customer_id` (text) and one DOUBLE per encoded column, named
    /// as in the model (`contract=One year`, `total_charges_missing`).
    func addSteps(to script: inout SQLScript) throws {
        let d = dialect
        let markers = try TableEncoding.missingMarkers.sorted().map { try d.string($0) }.joined(separator: ", ")
        var lines: [String] = []
        for column in encoding.columns {
            let source = try d.identifier(column.name)
            let text = "CAST(\(source) AS \(d.text))"
            // Blank cells (spaces and tabs) are missing too, as `TableEncoding.isMissing` says.
            let missing = "(\(source) IS NULL OR TRIM(REPLACE(\(text), CHR(9), ' ')) IN (\(markers)))"
            switch column {
            case let .numeric(name, fill, indicator):
                // A decimal comma becomes a point; a warehouse column typed DOUBLE (its text has a
                // point) reads as it is.
                let number = encoding.decimalComma == true ? "TRY_CAST(REPLACE(\(text), ',', '.') AS DOUBLE)" : "TRY_CAST(\(text) AS DOUBLE)"
                let failure = try d.fail("column '\(name)' holds text that is not a number (the model treats it as numeric)")
                lines.append(SQLScript.comment("\(name): numeric, missing cells → the training median \(NumberText.format(fill))"))
                lines.append("CASE WHEN \(missing) THEN \(d.double(fill)) WHEN \(number) IS NULL THEN \(failure) ELSE \(number) END AS \(try d.identifier(name))")
                if indicator {
                    lines.append(SQLScript.comment("\(name)_missing: 1 when \(name) is missing"))
                    lines.append("CASE WHEN \(missing) THEN 1e0 ELSE 0e0 END AS \(try d.identifier(name + "_missing"))")
                }
            case let .categorical(name, levels, otherLevel, _):
                lines.append(SQLScript.comment("\(name): one-hot over the \(levels.count) training levels"
                                               + (otherLevel.map { ", \($0) for any other value that is not missing" } ?? "")))
                for level in levels {
                    lines.append("CASE WHEN \(text) = \(try d.string(level)) THEN 1e0 ELSE 0e0 END AS \(try d.identifier("\(name)=\(level)"))")
                }
                if let otherLevel {
                    let own = levels.isEmpty ? "" : " WHEN \(text) IN (\(try levels.map { try d.string($0) }.joined(separator: ", "))) THEN 0e0"
                    lines.append("CASE WHEN \(missing) THEN 0e0\(own) ELSE 1e0 END AS \(try d.identifier("\(name)=\(otherLevel)"))")
                }
            }
        }
        script.step("features", [
            "1. The encoded table: one row per customer, the columns the model was trained on.",
        ], "SELECT CAST(\(try d.identifier(idColumn)) AS \(d.text)) AS customer_id,\n"
           + Self.joinColumns(lines) + "\nFROM \(try d.tableName(table))")
    }

    /// Joins select-list lines with commas after expressions only (comment lines stay as they are).
    static func joinColumns(_ lines: [String]) -> String {
        let lastExpression = lines.lastIndex { !$0.hasPrefix("--") } ?? -1
        return lines.enumerated().map { k, line in
            "  " + line + (line.hasPrefix("--") || k == lastExpression ? "" : ",")
        }.joined(separator: "\n")
    }
}
