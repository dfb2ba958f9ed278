import Foundation

/// How a labelled table becomes numeric model inputs; fitted on training data, stored in the model
/// and replayed unchanged at scoring time (Spark's fitted pipeline stages, in one value).
///
/// A column's type is decided from all its training cells, never from the first few:
/// - Missing cells are empty or blank, `NA`, `N/A`, `NaN`, `nan`, `null` or `NULL`.
/// - Numeric: every non-missing cell is a finite decimal (the amount parser's grammar: no hex,
///   thousands separators or currency signs). Used as it is; missing cells are filled with the
///   training median, and a 0/1 `<column>_missing` indicator is added for columns that had any
///   missing cell in training.
/// - Mostly numeric: more than half of the non-missing cells are numbers (or `inf`), the rest not.
///   That is a column of numbers with bad cells, so the first bad cell is an error naming its line
///   and column — never a silent switch to one-hot text (one `inf` or `abc` among 7,000 numbers
///   used to turn the column into 7,000 categories). Name the column in ``TableTyping/textColumns``
///   when it really is text (codes, postcodes).
/// - Text: the rest. One-hot encoded: one 0/1 column `<column>=<level>` per level seen in at least
///   ``TableTyping/minLevelRows`` training rows, levels sorted. When some level is rarer, one more
///   column `<column>=(other)` takes every rarer level and every level never seen in training
///   (scikit-learn's infrequent category, EBM's `min_cat_samples`): a surname or free-text column
///   becomes one pooled column instead of thousands that memorize a few rows each. Without rare
///   levels there is no `(other)` column and a level not seen in training encodes as all zeros
///   (and is counted).
/// - The label column, the id column and the sample-weight column are not inputs. A label is the
///   positive value or the one other value the column has (or one of ``negativeLabels``); any
///   other value is an error listing the values found.
public struct TableEncoding: Codable, Sendable, Equatable {
    /// One input column of the table and how it is encoded.
    public enum Column: Codable, Sendable, Equatable {
        /// A number column: missing cells take `fill` (the training median); with `missingIndicator` a 0/1 `<name>_missing` column follows it.
        case numeric(name: String, fill: Double, missingIndicator: Bool)
        /// A text column, one-hot encoded over the training `levels` (sorted) that had enough rows;
        /// with `otherLevel`, one more column `<name>=<otherLevel>` is 1 for every other value
        /// that is not missing (levels rare in training, levels never seen). A missing cell is all
        /// zeros; `missingInTraining` false says no training row had one, so that pattern is one
        /// the model never saw and a scorer says so (nil: a file from before it was recorded).
        case categorical(name: String, levels: [String], otherLevel: String? = nil, missingInTraining: Bool? = nil)

        enum NumericCodingKeys: String, CodingKey { case name, fill, missingIndicator = "missing_indicator" }
        enum CategoricalCodingKeys: String, CodingKey { case name, levels, otherLevel = "other_level", missingInTraining = "missing_in_training" }

        /// The column's name in the table.
        public var name: String {
            switch self {
            case let .numeric(name, _, _), let .categorical(name, _, _, _): return name
            }
        }

        /// The encoded output columns this column produces.
        public var outputNames: [String] {
            switch self {
            case let .numeric(name, _, indicator): return indicator ? [name, name + "_missing"] : [name]
            case let .categorical(name, levels, otherLevel, _): return (levels + (otherLevel.map { [$0] } ?? [])).map { "\(name)=\($0)" }
            }
        }

        /// A text column from its training cells: levels with at least `minLevelRows` rows keep
        /// their own column, the rest share `(other)` (named so no kept level is called that).
        static func categorical(_ name: String, cells: some Sequence<String>, minLevelRows: Int) -> Column {
            var counts: [String: Int] = [:]
            var missing = false
            for cell in cells {
                if TableEncoding.isMissing(cell) { missing = true } else { counts[cell, default: 0] += 1 }
            }
            let kept = counts.filter { $0.value >= minLevelRows }.keys.sorted()
            guard kept.count < counts.count else { return .categorical(name: name, levels: kept, missingInTraining: missing) }
            let keptSet = Set(kept)
            var other = "(other)"
            while keptSet.contains(other) { other = "(\(other))" }
            return .categorical(name: name, levels: kept, otherLevel: other, missingInTraining: missing)
        }
    }

    /// The column holding the churn label.
    public var labelColumn: String
    /// The label value that means churned.
    public var positiveLabel: String
    /// The customer id column, if the table has one (rows are numbered otherwise).
    public var idColumn: String?
    /// The column of per-row weights, if any.
    public var sampleWeightColumn: String?
    /// The input columns, in the table's order.
    public var columns: [Column]
    /// The label values that mean "not churned", when the user named them (`--negative`); nil
    /// means the one value other than the positive one.
    public var negativeLabels: [String]?
    /// True when the table writes its numbers with a decimal comma (`0,5`), as spreadsheets in
    /// most of Europe export them beside `;` separators (``TableTyping/decimalComma``); stored so
    /// scoring reads the same notation. nil (not written) or false: a decimal point.
    public var decimalComma: Bool?

    enum CodingKeys: String, CodingKey {
        case labelColumn = "label_column", positiveLabel = "positive_label", idColumn = "id_column",
             sampleWeightColumn = "sample_weight_column", columns, decimalComma = "decimal_comma"
    }

    /// A cell's number in this table's notation.
    func number(_ cell: String) -> Double? { try? Self.number(cell, decimalComma: decimalComma == true).get() }

    /// The number in a cell that is not one in the grammar only for its decoration: a currency
    /// sign (`$`, `€`, `£`, `¥`) before or after it, a `%` after it, or thousands separators in
    /// groups of three (`1,234,567.5`; `1.234.567,5` with a decimal comma). Such a column is
    /// numbers written for people, which the grammar refuses to guess at (is `45%` 45 or 0.45?),
    /// so the encoder names it instead of reading it as text.
    static func decoratedNumber(_ cell: String, decimalComma: Bool) -> Double? {
        var core = Substring(cell.trimmingWhitespace)
        var decorated = false
        for sign in ["$", "€", "£", "¥"] {
            if core.hasPrefix(sign) { core = core.dropFirst(); decorated = true } else if core.hasSuffix(sign) { core = core.dropLast(); decorated = true }
        }
        if core.hasSuffix("%") { core = core.dropLast(); decorated = true }
        core = Substring(String(core).trimmingWhitespace)
        let separator: Character = decimalComma ? "." : ","
        if core.contains(separator) {
            let unsigned = core.first == "-" || core.first == "+" ? core.dropFirst() : core
            let integer = unsigned.prefix { $0 != (decimalComma ? "," : ".") }
            let groups = integer.split(separator: separator, omittingEmptySubsequences: false)
            let digits = { (group: Substring) in group.allSatisfy { $0 >= "0" && $0 <= "9" } }
            guard groups.count > 1, (1...3).contains(groups[0].count), digits(groups[0]),
                  groups.dropFirst().allSatisfy({ $0.count == 3 && digits($0) }) else { return nil }
            core = Substring(core.filter { $0 != separator })
            decorated = true
        }
        guard decorated else { return nil }
        return try? number(String(core), decimalComma: decimalComma).get()
    }

    /// The encoded table is dense (a one-hot level is a column of doubles), and training holds
    /// about three such copies (measured: 7.7 GB peak for 1,000,000 rows × 314 columns, 2.5 GB
    /// each). A table that cannot fit is an error before anything is allocated, naming the
    /// widest text column, rather than a process the kernel kills mid-run.
    func checkMemory(rows: Int, physicalMemory: UInt64) throws {
        let width = outputNames.count
        let (cells, overflow) = rows.multipliedReportingOverflow(by: width)
        let bytes = overflow ? Double.infinity : Double(cells) * 8
        guard bytes * 3 > Double(physicalMemory) else { return }
        let gib = { (value: Double) in NumberText.fixed(value / Double(1 << 30), 1) }
        var widest = ""
        if let column = columns.max(by: { $0.outputNames.count < $1.outputNames.count }), case .categorical = column {
            widest = "; the widest column is '\(column.name)', \(column.outputNames.count) one-hot levels: pool more with minLevelRows, or leave it out"
        }
        throw FeatureError.invalidOption(
            "the encoded table would be \(rows) rows × \(width) columns, \(gib(bytes)) GiB of 64-bit numbers, and training holds about three copies:"
                + " more than this machine's \(gib(Double(physicalMemory))) GiB of memory\(widest), or train on a sample of the rows")
    }

    /// A calendar date `YYYY-MM-DD`, or an ISO-8601 date-time, as the transaction log reads them.
    static func isISODate(_ cell: String) -> Bool {
        var text = cell
        return text.withUTF8 { bytes in
            bytes.count >= 10 && bytes[4] == UInt8(ascii: "-") && CalendarDay.parse(bytes) != nil
        }
    }

    /// A cell's number: the amount grammar (``DecimalParser``), in the decimal-comma notation
    /// when `decimalComma` (where a point is not accepted at all), as the log's amounts are read.
    static func number(_ cell: String, decimalComma: Bool) -> Result<Double, DecimalParser.Failure> {
        guard decimalComma else { return DecimalParser.parseResult(Substring(cell)) }
        var text = cell
        return text.withUTF8 { DecimalParser.parse($0, decimalComma: true) }
    }

    /// Cells that mean "missing" (pandas' and R's usual spellings).
    static let missingMarkers: Set<String> = ["", "NA", "N/A", "NaN", "nan", "null", "NULL"]

    /// The longest marker, in UTF-8 bytes.
    static let longestMissingMarker = missingMarkers.map(\.utf8.count).max() ?? 0

    /// True for a missing cell: a marker, or blank (spaces and tabs only).
    static func isMissing(_ cell: String) -> Bool {
        // The usual cell has printable ASCII at both ends: nothing to trim, so it is missing only
        // when it is a marker itself, and no marker is longer than a few bytes (no hashing).
        if cell.hasPrintableASCIIEnds { return cell.utf8.count <= longestMissingMarker && missingMarkers.contains(cell) }
        if missingMarkers.contains(cell) { return true }
        return cell.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 } || missingMarkers.contains(cell.trimmingWhitespace)
    }

    /// Every encoded column name, in the order of the feature table the encoding writes.
    public var outputNames: [String] { columns.flatMap(\.outputNames) }

    /// The training median that fills a missing cell of numeric column `column`; nil for a text
    /// column or one the encoding does not have.
    public func fill(of column: String) -> Double? {
        for case let .numeric(name, fill, _) in columns where name == column { return fill }
        return nil
    }

    /// Learns the encoding from a training table.
    public static func fit(_ table: RawTable, labelColumn: String, positiveLabel: String, idColumn: String? = nil,
                           sampleWeightColumn: String? = nil, typing: TableTyping = TableTyping()) throws -> TableEncoding {
        let labelIndex = try table.columnIndex(labelColumn)
        if let idColumn { _ = try table.columnIndex(idColumn) }
        if let sampleWeightColumn { _ = try table.columnIndex(sampleWeightColumn) }
        for name in typing.textColumns { _ = try table.columnIndex(name) }
        let excluded = Set([labelColumn, idColumn, sampleWeightColumn].compactMap { $0 })
        var columns: [Column] = []
        for (j, name) in table.header.enumerated() where !excluded.contains(name) {
            var numbers: [Double] = []
            var missing = 0
            var notFinite: [Int] = [], text: [Int] = []
            for (i, row) in table.cells.enumerated() {
                let cell = row[j]
                if isMissing(cell) { missing += 1; continue }
                switch number(cell, decimalComma: typing.decimalComma) {
                case let .success(value): numbers.append(value)
                case .failure(.notFinite): notFinite.append(i)
                case .failure(.notANumber): text.append(i)
                }
            }
            let numberLike = numbers.count + notFinite.count
            if typing.textColumns.contains(name) || numberLike == 0 || numberLike <= text.count {
                if !typing.textColumns.contains(name) { try refuseNumbersReadAsText(table, column: j, textRows: text, numberLike: numberLike, typing: typing) }
                columns.append(.categorical(name, cells: table.cells.lazy.map { $0[j] }, minLevelRows: typing.minLevelRows))
            } else if text.isEmpty && notFinite.isEmpty {
                columns.append(.numeric(name: name, fill: median(numbers), missingIndicator: missing > 0))
            } else {
                let bad = (notFinite + text).sorted()
                let first = bad[0], cell = table.cells[first][j]
                let what = notFinite.contains(first) ? "'\(IngestionError.excerpt(cell))' is not a finite number" : "'\(IngestionError.excerpt(cell))' is not a number"
                let others = bad.dropFirst().prefix(5).map { String(table.lines[$0]) }
                throw IngestionError.malformedRow(
                    file: table.path, line: table.lines[first], column: name,
                    reason: "\(what), yet \(numbers.count) of the column's \(numbers.count + bad.count) non-missing cells are numbers, so the column is numeric"
                        + " (\(bad.count) bad cell\(bad.count == 1 ? "" : "s")\(others.isEmpty ? "" : "; also on line\(others.count == 1 ? "" : "s") \(others.joined(separator: ", "))\(bad.count > 6 ? ", …" : "")"))."
                        + " Fix the cell, leave it empty (missing), or list it in textColumns: \(name) if the column is text"
                        + (!typing.decimalComma && (try? number(cell, decimalComma: true).get()) != nil ? " (numbers with a decimal comma are read with decimalComma)" : ""))
            }
        }
        try checkDistinctOutputNames(columns, file: table.path)
        var encoding = TableEncoding(labelColumn: labelColumn, positiveLabel: positiveLabel, idColumn: idColumn,
                                     sampleWeightColumn: sampleWeightColumn, columns: columns, negativeLabels: typing.negativeLabels,
                                     decimalComma: typing.decimalComma ? true : nil)
        let counts = try encoding.checkLabels(table, labelIndex: labelIndex)
        if !counts.keys.contains(where: encoding.isPositive) {
            throw IngestionError.malformedRow(file: table.path, line: table.lines[0], column: labelColumn,
                                              reason: "no row has the positive label '\(positiveLabel)'; the column has \(Self.describe(counts)); set positiveLabel to the value that means churned")
        }
        encoding.negativeLabels = typing.negativeLabels
        return encoding
    }

    /// A column that is text only because of how its numbers or dates are written would be
    /// pooled or one-hot as if its values were names, and silently lost: an error naming its
    /// first cell instead (decimal commas without ``TableTyping/decimalComma``, dates, currency
    /// signs, percents, thousands separators). `textRows` are the rows that are not numbers.
    static func refuseNumbersReadAsText(_ table: RawTable, column j: Int, textRows text: [Int], numberLike: Int, typing: TableTyping) throws {
        guard let first = text.first else { return }
        let name = table.header[j]
        func refuse(_ reason: String) -> IngestionError {
            .malformedRow(file: table.path, line: table.lines[first], column: name,
                          reason: "'\(IngestionError.excerpt(table.cells[first][j]))' " + reason)
        }
        func every(_ test: (String) -> Bool) -> Bool { text.allSatisfy { test(table.cells[$0][j]) } }
        if !typing.decimalComma, every({ (try? number($0, decimalComma: true).get()) != nil }) {
            // `1,234` could be either notation: then the message offers both.
            let thousands = every { decoratedNumber($0, decimalComma: false) != nil }
            throw refuse("is a number with a decimal comma\(thousands ? " or a thousands separator" : ""), and so is every cell of the column;"
                         + " read the table's numbers that way with decimalComma\(thousands ? " (a decimal comma) or write plain numbers (a thousands separator)" : ""),"
                         + " or list the column in textColumns: \(name) if it is text")
        }
        if numberLike == 0, every(isISODate) {
            throw refuse("is a date, and so is every cell of the column; a model needs it as a number:"
                         + " write the days from the date to one reference day (tenure, days since the last order), or list the column in textColumns: \(name) to keep the dates as levels")
        }
        if every({ decoratedNumber($0, decimalComma: typing.decimalComma) != nil }) {
            throw refuse("is a number written with a currency sign, thousands separators or a percent sign,"
                         + " and so is every cell of the column; write plain numbers (1234.5), or list the column in textColumns: \(name) if it is text")
        }
    }

    /// Encoded names are the model's input names, one per written column: two alike (a column `x_missing` beside the
    /// indicator of a column `x` with missing cells, a column `plan=pro` beside level `pro` of
    /// `plan`) would make one input read the other's values, so they are an error on the header.
    /// The written feature table adds `customer_id` before the inputs and `is_churn` after them,
    /// so an input may not take either name: a table's own `customer_id` is its id column.
    static func checkDistinctOutputNames(_ columns: [Column], file: String) throws {
        for column in columns {
            for reserved in ["customer_id", "is_churn"] where column.outputNames.contains(reserved) {
                throw IngestionError.malformedRow(
                    file: file, line: 1, column: column.name,
                    reason: "'\(reserved)' is the name the feature table gives its \(reserved == "is_churn" ? "label" : "id") column, so no input can have it; "
                        + (reserved == "customer_id" ? "name it as the id column (--id-column customer_id) or rename it" : "rename the column (or make it the label)"))
            }
        }
        var source: [String: String] = [:]
        for column in columns {
            for name in column.outputNames {
                guard let first = source[name] else { source[name] = column.name; continue }
                let which = { (owner: String) in owner == name ? "the column '\(name)'" : "an encoded column of '\(owner)'" }
                throw IngestionError.malformedRow(
                    file: file, line: 1, column: column.name,
                    reason: "the encoded input '\(name)' would be both \(which(first)) and \(which(column.name)) (text levels become <column>=<level>, "
                        + "missing cells add <column>_missing); rename one of the columns")
            }
        }
    }

    /// Checks every label against the positive value and the negatives, and counts the values.
    /// Without ``negativeLabels`` the column may hold the positive value and one other.
    /// Values that are the same label count under the first spelling seen (`1` and `1.0` are one).
    func checkLabels(_ table: RawTable, labelIndex: Int) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        var order: [(value: String, line: Int)] = []
        var spelling: [String: String] = [:]
        let positiveKey = Self.labelKey(positiveLabel)
        let negativeKeys = negativeLabels.map { Set($0.map(Self.labelKey)) }
        for (i, row) in table.cells.enumerated() {
            let text = row[labelIndex]
            if Self.isMissing(text) {
                throw IngestionError.malformedRow(file: table.path, line: table.lines[i], column: labelColumn, reason: "the label is missing")
            }
            let key = Self.labelKey(text)
            let shown: String
            if let first = spelling[key] { shown = first } else {
                shown = text
                spelling[key] = text
                order.append((text, table.lines[i]))
            }
            counts[shown, default: 0] += 1
            if key == positiveKey { continue }
            if let negatives = negativeLabels, let negativeKeys {
                guard negativeKeys.contains(key) else {
                    throw IngestionError.malformedRow(file: table.path, line: table.lines[i], column: labelColumn,
                                                      reason: "label '\(text)' is neither the positive '\(positiveLabel)' nor a negative (negativeLabels: \(negatives.joined(separator: ",")))")
                }
            }
        }
        if negativeLabels == nil {
            let others = order.filter { Self.labelKey($0.value) != positiveKey }
            if others.count > 1 && spelling[positiveKey] == nil {
                throw IngestionError.malformedRow(file: table.path, line: table.lines[0], column: labelColumn,
                                                  reason: "no row has the positive label '\(positiveLabel)'; the column has \(Self.describe(counts)); set positiveLabel to the value that means churned")
            }
            if others.count > 1 {
                throw IngestionError.malformedRow(
                    file: table.path, line: others[1].line, column: labelColumn,
                    reason: "label '\(others[1].value)' is a second value besides the positive '\(positiveLabel)' and '\(others[0].value)'; the column has \(Self.describe(counts, order: order.map(\.value)))."
                        + " Name the values that mean not churned with negativeLabels: \(others.map(\.value).joined(separator: ",")), or fix positiveLabel or the rows")
            }
        }
        return counts
    }

    /// A label value for comparing: a number by its value (`1`, `1.0` and `1e0` are one label:
    /// pandas writes an integer label column holding a missing value as `1.0`/`0.0`), any other
    /// text as it is (`Yes` is not `yes`).
    static func labelKey(_ text: String) -> String {
        guard let value = DecimalParser.parse(Substring(text)) else { return text }
        return "\u{1}number \(value == 0 ? 0 : value)"   // -0 is 0; the prefix never starts a cell's text
    }

    /// Whether a label value means churned.
    func isPositive(_ text: String) -> Bool { Self.labelKey(text) == Self.labelKey(positiveLabel) }

    /// `'No' (5,174 rows), 'Yes' (1,869 rows)`, in the order given or by count.
    static func describe(_ counts: [String: Int], order: [String]? = nil) -> String {
        let values = order ?? counts.keys.sorted { counts[$0]! > counts[$1]! || counts[$0]! == counts[$1]! && $0 < $1 }
        let shown = values.prefix(8).map { "'\($0)' (\(counts[$0]!) row\(counts[$0]! == 1 ? "" : "s"))" }
        return shown.joined(separator: ", ") + (values.count > 8 ? " and \(values.count - 8) more values" : "")
    }

    /// One line per input column saying how it was typed, for the commands to print.
    public var columnTypeDescriptions: [String] {
        let width = min(max((columns.map(\.name.count).max() ?? 0) + 2, 12), 40)
        return columns.map { column in
            let name = column.name.count >= width ? column.name + " " : column.name + String(repeating: " ", count: width - column.name.count)
            switch column {
            case let .numeric(_, fill, indicator):
                return name + "numeric" + (indicator ? " (missing cells: median \(NumberText.format(fill)), plus an indicator column)" : "")
            case let .categorical(_, levels, otherLevel, _):
                if levels.isEmpty && otherLevel == nil { return name + "text, every cell missing (no input)" }
                if levels.isEmpty { return name + "text, no level in enough rows of its own (an identifier or free text?): one column \(otherLevel!) for every value" }
                let shown = levels.prefix(4).joined(separator: ", ") + (levels.count > 4 ? ", …" : "")
                return name + "text, \(levels.count) level\(levels.count == 1 ? "" : "s") (\(shown))"
                    + (otherLevel.map { " and \($0) for the rarer levels and unseen ones" } ?? "")
            }
        }
    }

    /// The median (mean of the middle two for an even count), as pandas and scikit-learn's
    /// `SimpleImputer(strategy="median")` compute it.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// The encoding refitted on `rows` only, for cross-validation, so no statistic of a test fold
    /// reaches its model: the median fills always; with `minLevelRows`, also each text column's
    /// kept levels and pooled `(other)` column, counted on those rows, as scikit-learn's
    /// `OneHotEncoder(min_frequency=…)` inside a pipeline counts them per fold. Column types stay
    /// the whole table's (a schema). nil keeps the levels: a recipe that names its encoded inputs
    /// (`plan=pro`) needs every fold to have those columns.
    public func refitted(_ table: RawTable, rows: [Int], minLevelRows: Int?) -> TableEncoding {
        var copy = self
        copy.columns = columns.map { column in
            guard let j = table.header.firstIndex(of: column.name) else { return column }
            switch column {
            case let .numeric(name, fill, indicator):
                let numbers = rows.compactMap { i -> Double? in
                    let cell = table.cells[i][j]
                    return Self.isMissing(cell) ? nil : number(cell)
                }
                return .numeric(name: name, fill: numbers.isEmpty ? fill : Self.median(numbers), missingIndicator: indicator)
            case let .categorical(name, _, _, _):
                guard let minLevelRows else { return column }
                return .categorical(name, cells: rows.lazy.map { table.cells[$0][j] }, minLevelRows: minLevelRows)
            }
        }
        return copy
    }

    /// Numeric input columns that look like identifiers: every cell of at least `minimumRows` rows
    /// a whole number and no two alike, as a row number or a customer id is (bank churn's
    /// `RowNumber` and `CustomerId`). As an input such a column can only fit noise, or the file's
    /// order; a real whole-number measurement over that many rows repeats values. Not an error: a
    /// timestamp in seconds looks the same and may be wanted.
    public func identifierLikeColumns(in table: RawTable, minimumRows: Int = 1000) -> [String] {
        guard table.rowCount >= minimumRows else { return [] }
        return columns.compactMap { column -> String? in
            guard case let .numeric(name, _, indicator) = column, !indicator, let j = table.header.firstIndex(of: name) else { return nil }
            var seen = Set<Double>()
            seen.reserveCapacity(table.rowCount)
            for row in table.cells {
                guard let value = number(row[j]), value == value.rounded(), seen.insert(value).inserted else { return nil }
            }
            return name
        }
    }

    /// Warnings about the input columns of `table` for the person training on it: one per
    /// ``identifierLikeColumns(in:minimumRows:)``.
    public func inputWarnings(in table: RawTable) -> [String] {
        identifierLikeColumns(in: table).map { column in
            "column '\(column)': every row holds a different whole number, as a row number or an id does; as an input it can only fit noise "
                + "or the file's order: name it as idColumn if it is the customer id, or leave it out of the model's features"
        }
    }

    /// What ``encode(_:requireLabel:)`` produced.
    public struct Encoded: Sendable {
        /// The encoded rows.
        public var table: FeatureTable
        /// Cells whose category was not seen in training, per column without an `(other)` column
        /// (with one, such a cell is scored as a rare level, by design).
        public var unseenLevels: [String: Int]
        /// Missing cells of columns that had none in training, per column: a numeric one's are filled
        /// with the training median, with no `_missing` indicator to carry their effect; a text
        /// one's are all zeros, a pattern no training row had. Either way a scorer says so.
        public var unexpectedMissing: [String: Int] = [:]
    }

    /// Encodes a table. Columns the encoding needs must be present (extra columns are ignored);
    /// a numeric column with text in it is an error naming file, line and column.
    public func encode(_ table: RawTable, requireLabel: Bool) throws -> Encoded {
        let missingColumns = columns.map(\.name).filter { !table.header.contains($0) }
        guard missingColumns.isEmpty else {
            throw ModelInputMismatch(file: table.path, missing: missingColumns, extra: [])
        }
        let indices = try columns.map { try table.columnIndex($0.name) }
        let labelIndex = table.header.firstIndex(of: labelColumn)
        if requireLabel && labelIndex == nil { _ = try table.columnIndex(labelColumn) }
        if requireLabel, let labelIndex { _ = try checkLabels(table, labelIndex: labelIndex) }
        let idIndex = try idColumn.map { try table.columnIndex($0) }
        let weightIndex = try sampleWeightColumn.map { try table.columnIndex($0) }
        let width = outputNames.count
        try checkMemory(rows: table.rowCount, physicalMemory: ProcessInfo.processInfo.physicalMemory)
        var values = [Double](repeating: 0, count: table.rowCount * width)
        var labels: [Double]? = labelIndex == nil ? nil : []
        var weights: [Double]? = weightIndex == nil ? nil : []
        var unseen: [String: Int] = [:], unexpectedMissing: [String: Int] = [:]
        let positiveKey = Self.labelKey(positiveLabel)
        // Level → position among the column's one-hot columns, looked up once per cell.
        let levelIndex: [[String: Int]] = columns.map { column in
            guard case let .categorical(_, levels, _, _) = column else { return [:] }
            return Dictionary(levels.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
        for (i, row) in table.cells.enumerated() {
            var k = i * width
            for (c, (column, j)) in zip(columns, indices).enumerated() {
                let cell = row[j]
                switch column {
                case let .numeric(name, fill, indicator):
                    if Self.isMissing(cell) {
                        values[k] = fill
                        if indicator { values[k + 1] = 1 } else { unexpectedMissing[name, default: 0] += 1 }
                    } else if let value = number(cell) {
                        values[k] = value
                    } else {
                        throw IngestionError.malformedRow(file: table.path, line: table.lines[i], column: name,
                                                          reason: "cannot parse '\(IngestionError.excerpt(cell))' as a number (the model treats this column as numeric)")
                    }
                    k += indicator ? 2 : 1
                case let .categorical(name, levels, otherLevel, missingInTraining):
                    if let level = levelIndex[c][cell] { values[k + level] = 1 }
                    else if Self.isMissing(cell) { if missingInTraining == false { unexpectedMissing[name, default: 0] += 1 } }
                    else if otherLevel != nil { values[k + levels.count] = 1 }
                    else { unseen[name, default: 0] += 1 }
                    k += levels.count + (otherLevel == nil ? 0 : 1)
                }
            }
            if let labelIndex {
                let text = row[labelIndex]
                if Self.isMissing(text) {
                    throw IngestionError.malformedRow(file: table.path, line: table.lines[i], column: labelColumn, reason: "the label is missing")
                }
                labels?.append(Self.labelKey(text) == positiveKey ? 1 : 0)
            }
            if let weightIndex {
                guard let w = number(row[weightIndex]), w >= 0 else {
                    throw IngestionError.malformedRow(file: table.path, line: table.lines[i], column: sampleWeightColumn,
                                                      reason: "cannot parse '\(row[weightIndex])' as a non-negative sample weight")
                }
                weights?.append(w)
            }
        }
        let ids = idIndex.map { j in table.cells.map { $0[j] } } ?? (1...table.rowCount).map(String.init)
        return Encoded(table: FeatureTable(columnNames: outputNames, customerIDs: ids, values: values, labels: labels, sampleWeights: weights),
                       unseenLevels: unseen, unexpectedMissing: unexpectedMissing)
    }
}
