/// The SQL engines a model can be exported to, and everything that differs between them.
///
/// The generated SQL computes with IEEE doubles and exact integers, as ChurnKit does:
///
/// - **Dates.** Day differences are exact integers: DuckDB `date_diff('day', a, b)`, Spark
///   `datediff(b, a)`. The date column is read with `CAST(… AS DATE)` (a DATE, a TIMESTAMP without a
///   zone, or `YYYY-MM-DD` text); the time of day is dropped, as ChurnKit does.
/// - **Doubles.** Amounts are `CAST(… AS DOUBLE)`; every model constant is a double literal in
///   Swift's shortest round-trip form with an exponent (`-0.8575703566871813e0`), which both
///   engines read as DOUBLE (not DECIMAL) and parse correctly rounded, so the SQL holds the model's
///   bits. Sums may add in another order than ChurnKit's file order, which moves a sum by a few
///   units in the last place at most.
/// - **log1p.** ChurnKit's `sign(x)·log(1 + |x|)`: Spark has `log1p` (Java's `Math.log1p`); DuckDB
///   has none, so it is `ln(1 + |x|)`, exact for the integer counts and within 1e-13 relative for
///   amounts ≥ 0.01.
/// - **exp.** The sigmoid branches on the sign of the logit as ChurnKit does (never overflows):
///   DuckDB's `exp` is the C library's, Spark's is Java's `StrictMath.exp` (fdlibm), both within
///   one unit in the last place.
/// - **Ties.** Equal probabilities are ordered as `churn score` orders them (``CustomerIDOrder``):
///   ids of digits first, by number, then by text; every other id by text. Both engines compare
///   text by UTF-8 bytes, which is Unicode scalar order.
public enum SQLDialect: String, Sendable, CaseIterable, Codable {
    /// DuckDB.
    case duckdb
    /// Apache Spark SQL.
    case spark

    /// An identifier (table or column name), quoted so that no name is ever read as SQL: DuckDB
    /// `"…"` with `""` for a quote inside, Spark between backticks with a backtick inside doubled.
    public func identifier(_ name: String) throws -> String {
        guard !name.isEmpty else { throw SQLExportError.unusableIdentifier(name: name, dialect: self, reason: "it is empty") }
        guard !name.unicodeScalars.contains(where: { $0.value == 0 }) else {
            throw SQLExportError.unusableIdentifier(name: name, dialect: self, reason: "it contains a NUL character")
        }
        switch self {
        case .duckdb:
            return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        case .spark:
            // Spark substitutes `${var}` everywhere in a statement, even inside quotes.
            guard !name.contains("${") else {
                throw SQLExportError.unusableIdentifier(name: name, dialect: self, reason: "Spark would substitute its '${'")
            }
            return "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
        }
    }

    /// A possibly qualified table name (`schema.table`): each dot-separated part quoted.
    public func tableName(_ name: String) throws -> String {
        try name.split(separator: ".", omittingEmptySubsequences: false).map { try identifier(String($0)) }.joined(separator: ".")
    }

    /// A string literal: DuckDB doubles a quote (backslashes are plain); Spark reads backslash
    /// escapes, so both backslash and quote are escaped.
    public func string(_ text: String) throws -> String {
        guard !text.unicodeScalars.contains(where: { $0.value == 0 }) else {
            throw SQLExportError.unusableIdentifier(name: text, dialect: self, reason: "it contains a NUL character")
        }
        switch self {
        case .duckdb:
            return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .spark:
            guard !text.contains("${") else {
                throw SQLExportError.unusableIdentifier(name: text, dialect: self, reason: "Spark would substitute its '${'")
            }
            return "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        }
    }

    /// A DOUBLE literal holding exactly `value`: shortest round-trip digits with an exponent, so
    /// neither engine reads it as a DECIMAL; negative values in parentheses (`x - (-1e0)`, never `--`).
    public func double(_ value: Double) -> String {
        precondition(value.isFinite, "a non-finite constant reached the SQL writer: \(value)")
        var text = (value == 0 ? 0.0 : value).description
        if !text.contains("e") { text += "e0" }
        return value < 0 ? "(\(text))" : text
    }

    /// The text type's name.
    var text: String { self == .duckdb ? "VARCHAR" : "STRING" }

    /// Whole days from `from` to `to` (DATE values): an exact integer.
    func daysBetween(_ from: String, _ to: String) -> String {
        switch self {
        case .duckdb: return "date_diff('day', \(from), \(to))"
        case .spark: return "datediff(\(to), \(from))"
        }
    }

    /// `log(1 + x)` for x ≥ 0.
    func log1p(_ x: String) -> String {
        switch self {
        case .duckdb: return "ln(1 + \(x))"
        case .spark: return "log1p(\(x))"
        }
    }

    /// True when the double `x` is finite (NULL stays NULL).
    func isFinite(_ x: String) -> String {
        switch self {
        case .duckdb: return "isfinite(\(x))"
        // NaN is larger than every number in Spark, so it fails this test too.
        case .spark: return "abs(\(x)) <= 1.7976931348623157e308"
        }
    }

    /// True when the text `x` is made only of the digits 0–9 (and not empty).
    func isDigits(_ x: String) -> String {
        switch self {
        case .duckdb: return "regexp_full_match(\(x), '[0-9]+')"
        case .spark: return "(\(x) RLIKE '^[0-9]+$')"
        }
    }

    /// The value of `value` on the row where `key` is largest.
    func maxBy(_ value: String, _ key: String) -> String { "max_by(\(value), \(key))" }

    /// Integer division of two BIGINTs, rounding toward zero (both operands are ≥ 0 here).
    func integerDivide(_ a: String, _ b: String) -> String {
        switch self {
        case .duckdb: return "((\(a)) // (\(b)))"
        case .spark: return "((\(a)) div (\(b)))"
        }
    }

    /// A two-field record `(key DOUBLE, j INTEGER)` that sorts by key, then j.
    func structure(key: String, index: String) -> String {
        switch self {
        case .duckdb: return "struct_pack(key := \(key), j := CAST(\(index) AS INTEGER))"
        case .spark: return "named_struct('key', \(key), 'j', CAST(\(index) AS INT))"
        }
    }

    /// The records in ascending order (records compare field by field).
    func sortedArray(_ elements: [String]) -> String {
        switch self {
        case .duckdb: return "list_sort(list_value(\n    \(elements.joined(separator: ",\n    "))\n  ), 'ASC')"
        case .spark: return "sort_array(array(\n    \(elements.joined(separator: ",\n    "))\n  ), true)"
        }
    }

    /// The `position`-th element (1-based) of an array known to be long enough.
    func element(_ array: String, _ position: Int) -> String {
        switch self {
        case .duckdb: return "\(array)[\(position)]"
        case .spark: return "\(array)[\(position - 1)]"
        }
    }

    /// A double of magnitude ≥ 9e16 as Swift's `description` writes it (`1e+17`, `-1.5e+20`), for
    /// reason values too large for two decimals. DuckDB's cast already writes that form; Spark's is
    /// Java's (`1.0E17`), so its `.0` before the exponent is dropped and `E` becomes `e+` (the
    /// exponent is positive at these magnitudes). Java 17 does not always pick the shortest digits,
    /// so a rare value may still differ in its last digit.
    func shortestText(_ x: String) -> String {
        switch self {
        case .duckdb: return "CAST(\(x) AS VARCHAR)"
        case .spark: return "regexp_replace(regexp_replace(CAST(\(x) AS STRING), '\\\\.0E', 'E'), 'E', 'e+')"
        }
    }

    /// Element `index` (0-based, known to be in range) of the constant array `values`: an additive
    /// term's table or texts read at a row's cell.
    func lookup(_ values: [String], at index: String) -> String {
        switch self {
        case .duckdb: return "list_value(\(values.joined(separator: ", ")))[(\(index)) + 1]"
        case .spark: return "element_at(array(\(values.joined(separator: ", "))), (\(index)) + 1)"
        }
    }

    /// Stops the query with `message` (used where ChurnKit would stop with an error).
    func fail(_ message: String) throws -> String {
        switch self {
        case .duckdb: return "error(\(try string(message)))"
        case .spark: return "raise_error(\(try string(message)))"
        }
    }
}
