/// How a labelled table becomes numeric model inputs; fitted on training data, stored in the model
/// and replayed unchanged at scoring time (Spark's fitted pipeline stages, in one value).
///
/// - Numeric columns (every non-missing cell parses as a number) are used as they are. Missing
///   cells (empty, `NA`, `N/A`, `NaN`, `null`) are filled with the training median, and a 0/1
///   `<column>_missing` indicator is added for columns that had any missing cell in training.
/// - Text columns are one-hot encoded: one 0/1 column `<column>=<level>` per level seen in
///   training, levels sorted. A level not seen in training encodes as all zeros (and is counted).
/// - The label column, the id column and the sample-weight column are not inputs.
public struct TableEncoding: Codable, Sendable, Equatable {
    public enum Column: Codable, Sendable, Equatable {
        case numeric(name: String, fill: Double, missingIndicator: Bool)
        case categorical(name: String, levels: [String])

        enum NumericCodingKeys: String, CodingKey { case name, fill, missingIndicator = "missing_indicator" }

        public var name: String {
            switch self {
            case let .numeric(name, _, _), let .categorical(name, _): return name
            }
        }

        /// The encoded output columns this column produces.
        public var outputNames: [String] {
            switch self {
            case let .numeric(name, _, indicator): return indicator ? [name, name + "_missing"] : [name]
            case let .categorical(name, levels): return levels.map { "\(name)=\($0)" }
            }
        }
    }

    public var labelColumn: String
    public var positiveLabel: String
    public var idColumn: String?
    public var sampleWeightColumn: String?
    public var columns: [Column]

    enum CodingKeys: String, CodingKey {
        case labelColumn = "label_column", positiveLabel = "positive_label", idColumn = "id_column",
             sampleWeightColumn = "sample_weight_column", columns
    }

    public static let missingMarkers: Set<String> = ["", "NA", "N/A", "NaN", "nan", "null", "NULL"]

    public var outputNames: [String] { columns.flatMap(\.outputNames) }

    /// Learns the encoding from a training table.
    public static func fit(_ table: RawTable, labelColumn: String, positiveLabel: String, idColumn: String? = nil,
                           sampleWeightColumn: String? = nil) throws -> TableEncoding {
        _ = try table.columnIndex(labelColumn)
        if let idColumn { _ = try table.columnIndex(idColumn) }
        if let sampleWeightColumn { _ = try table.columnIndex(sampleWeightColumn) }
        let excluded = Set([labelColumn, idColumn, sampleWeightColumn].compactMap { $0 })
        var columns: [Column] = []
        for (j, name) in table.header.enumerated() where !excluded.contains(name) {
            var numbers: [Double] = []
            var isNumeric = true
            var missing = 0
            for row in table.cells {
                let cell = row[j]
                if missingMarkers.contains(cell) { missing += 1; continue }
                if let value = DecimalParser.parse(Substring(cell)) { numbers.append(value) } else { isNumeric = false; break }
            }
            if isNumeric && !numbers.isEmpty {
                columns.append(.numeric(name: name, fill: median(numbers), missingIndicator: missing > 0))
            } else {
                let levels = Set(table.cells.map { $0[j] }.filter { !missingMarkers.contains($0) }).sorted()
                columns.append(.categorical(name: name, levels: levels))
            }
        }
        return TableEncoding(labelColumn: labelColumn, positiveLabel: positiveLabel, idColumn: idColumn,
                             sampleWeightColumn: sampleWeightColumn, columns: columns)
    }

    /// The median (mean of the middle two for an even count), as pandas and scikit-learn's
    /// `SimpleImputer(strategy="median")` compute it.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// The same columns and levels with the median fills recomputed on `rows` only (for
    /// cross-validation: no statistic of a test fold reaches its model).
    public func refittingFills(_ table: RawTable, rows: [Int]) -> TableEncoding {
        var copy = self
        copy.columns = columns.map { column in
            guard case let .numeric(name, fill, indicator) = column, let j = table.header.firstIndex(of: name) else { return column }
            let numbers = rows.compactMap { i -> Double? in
                let cell = table.cells[i][j]
                return Self.missingMarkers.contains(cell) ? nil : DecimalParser.parse(Substring(cell))
            }
            return .numeric(name: name, fill: numbers.isEmpty ? fill : Self.median(numbers), missingIndicator: indicator)
        }
        return copy
    }

    /// What ``encode(_:requireLabel:)`` produced.
    public struct Encoded: Sendable {
        public var table: FeatureTable
        /// Cells whose category was not seen in training, per column.
        public var unseenLevels: [String: Int]
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
        let idIndex = try idColumn.map { try table.columnIndex($0) }
        let weightIndex = try sampleWeightColumn.map { try table.columnIndex($0) }
        let width = outputNames.count
        var values = [Double](repeating: 0, count: table.rowCount * width)
        var labels: [Double]? = labelIndex == nil ? nil : []
        var weights: [Double]? = weightIndex == nil ? nil : []
        var unseen: [String: Int] = [:]
        for (i, row) in table.cells.enumerated() {
            var k = i * width
            for (column, j) in zip(columns, indices) {
                let cell = row[j]
                switch column {
                case let .numeric(name, fill, indicator):
                    if Self.missingMarkers.contains(cell) {
                        values[k] = fill
                        if indicator { values[k + 1] = 1 }
                    } else if let value = DecimalParser.parse(Substring(cell)) {
                        values[k] = value
                    } else {
                        throw IngestionError.malformedRow(file: table.path, line: table.lines[i], column: name,
                                                          reason: "cannot parse '\(cell)' as a number (the model treats this column as numeric)")
                    }
                    k += indicator ? 2 : 1
                case let .categorical(name, levels):
                    if let level = levels.firstIndex(of: cell) { values[k + level] = 1 }
                    else if !Self.missingMarkers.contains(cell) { unseen[name, default: 0] += 1 }
                    k += levels.count
                }
            }
            if let labelIndex {
                let text = row[labelIndex]
                if Self.missingMarkers.contains(text) {
                    throw IngestionError.malformedRow(file: table.path, line: table.lines[i], column: labelColumn, reason: "the label is missing")
                }
                labels?.append(text == positiveLabel ? 1 : 0)
            }
            if let weightIndex {
                guard let w = DecimalParser.parse(Substring(row[weightIndex])), w >= 0 else {
                    throw IngestionError.malformedRow(file: table.path, line: table.lines[i], column: sampleWeightColumn,
                                                      reason: "cannot parse '\(row[weightIndex])' as a non-negative sample weight")
                }
                weights?.append(w)
            }
        }
        let ids = idIndex.map { j in table.cells.map { $0[j] } } ?? (1...table.rowCount).map(String.init)
        return Encoded(table: FeatureTable(columnNames: outputNames, customerIDs: ids, values: values, labels: labels, sampleWeights: weights),
                       unseenLevels: unseen)
    }
}

/// A model and an input that do not fit: the columns the model needs that the input lacks, and
/// (where it matters) the ones the input has that the model has never seen.
public struct ModelInputMismatch: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var missing: [String]
    public var extra: [String]
    /// What kind of input the model expects, when the input is of another kind.
    public var note: String? = nil

    public var description: String {
        var parts: [String] = []
        if let note { parts.append(note) }
        if !missing.isEmpty { parts.append("missing: \(missing.joined(separator: ", "))") }
        if !extra.isEmpty { parts.append("not in the model: \(extra.joined(separator: ", "))") }
        return "\(file): the input does not match the model's features (\(parts.joined(separator: "; ")))"
    }
}
