import Foundation

/// Scoring inputs rebuilt from a ``FeatureSource``, the way the model was trained.
extension RiskScorer {
    /// The features the model scores, from `source`: for a transaction model, each customer's
    /// features as of `asOf` (nil: the last date in the data), replaying the model's reference gap
    /// and reading a log with the model's columns unless the source names its own; for a table
    /// model, the table encoded as in training (the label may be absent).
    ///
    /// The value at risk: transaction models use each customer's expected spend over
    /// `valueHorizonDays` (nil: the model's horizon); table models take a monthly charge from
    /// `valueColumn` over `valueHorizonDays` (nil: 365, a year of charges), or have no value.
    public func input(from source: FeatureSource, asOf: CalendarDay? = nil, valueColumn: String? = nil,
                      valueHorizonDays: Double? = nil, progress: ProgressReporter = .silent) throws -> ScoringInput {
        guard model.featureSpec.inputKind == .transactions else {
            return try tableInput(source, valueColumn: valueColumn, valueHorizonDays: valueHorizonDays)
        }
        return try transactionInput(source, asOf: asOf, valueHorizonDays: valueHorizonDays, progress: progress)
    }

    private func transactionInput(_ source: FeatureSource, asOf: CalendarDay?, valueHorizonDays: Double?,
                                  progress: ProgressReporter) throws -> ScoringInput {
        let columns = model.featureSpec.transactions?.columns ?? TransactionColumns()
        guard source.hasTransactions, let spec = model.featureSpec.transactions else {
            throw ModelInputMismatch(file: source.name, missing: [], extra: [],
                                     note: "the model was trained on a transaction log (columns \(columns.required.joined(separator: ", "))), not a labelled table")
        }
        let result: TransactionFeatureResult
        do {
            result = try source.transactionFeatures(asOf: asOf, horizonDays: nil, referenceGapDays: spec.referenceGapDays,
                                                    modelColumns: spec.columns, progress: progress)
        } catch let IngestionError.missingColumn(file, _, available) {
            let needed = source.resolvedColumns(modelColumns: spec.columns).required
            throw ModelInputMismatch(file: file, missing: needed.filter { !available.contains($0) },
                                     extra: available.filter { !needed.contains($0) },
                                     note: "the model reads a transaction log with columns \(needed.joined(separator: ", "))")
        }
        let horizon = valueHorizonDays ?? Double(spec.horizonDays)
        let table = result.table
        let spend = Self.expectedSpend(table, horizonDays: horizon)
        return ScoringInput(table: table, expectedSpend: spend, valueHorizonDays: spend == nil ? nil : horizon, asOf: result.window.cutoff,
                            ingestion: result.ingestion, warnings: [])
    }

    /// Each customer's expected spend over `horizonDays` from the transaction features; nil for a
    /// log without amounts (there is no value to put at risk).
    static func expectedSpend(_ table: FeatureTable, horizonDays: Double) -> [Double]? {
        let index = { (feature: TransactionFeature) in table.columnNames.firstIndex(of: feature.name) }
        guard let f = index(.frequency), let t = index(.T), let mv = index(.monetaryValue), let mt = index(.monetaryTotal) else { return nil }
        return (0..<table.rowCount).map { i in
            ValueAtRisk.expectedSpend(frequency: table[i, f], T: table[i, t], monetaryValue: table[i, mv],
                                      monetaryTotal: table[i, mt], horizonDays: horizonDays)
        }
    }

    /// A risk list is acted on by id: rows without one, or sharing one, cannot be told apart by
    /// whoever makes the calls, so scoring says how many there are (and where the first is).
    static func idWarnings(_ ids: [String], lines: [Int], column: String) -> [String] {
        var warnings: [String] = []
        let missing = ids.indices.filter { TableEncoding.isMissing(ids[$0]) }
        if let first = missing.first {
            warnings.append("column '\(column)': \(missing.count) row\(missing.count == 1 ? "" : "s") with no customer id (first on line \(lines[first])); they are scored and listed with an empty id")
        }
        var firstLine: [String: Int] = [:]
        var repeated = 0
        var example: (id: String, first: Int, again: Int)?
        for (i, id) in ids.enumerated() where !TableEncoding.isMissing(id) {
            if let line = firstLine[id] {
                repeated += 1
                if example == nil { example = (id, line, lines[i]) }
            } else {
                firstLine[id] = lines[i]
            }
        }
        if let example {
            warnings.append("column '\(column)': \(repeated) row\(repeated == 1 ? "" : "s") repeat a customer id of an earlier row (first '\(IngestionError.excerpt(example.id))' on lines \(example.first) and \(example.again)); each row is scored and listed")
        }
        return warnings
    }

    private func tableInput(_ source: FeatureSource, valueColumn: String?, valueHorizonDays: Double?) throws -> ScoringInput {
        guard !source.hasTransactions, let encoding = model.featureSpec.table else {
            throw ModelInputMismatch(file: source.name, missing: [], extra: [],
                                     note: "the model was trained on a labelled table (\(model.featureSpec.table?.outputNames.count ?? 0) encoded columns), not a transaction log")
        }
        let raw = try source.rawTable(digest: nil)
        let path = raw.path
        let encoded: TableEncoding.Encoded
        do {
            encoded = try encoding.encode(raw, requireLabel: false)
        } catch var mismatch as ModelInputMismatch {
            let known = Set(encoding.columns.map(\.name) + [encoding.labelColumn] + [encoding.idColumn, encoding.sampleWeightColumn].compactMap { $0 })
            mismatch.extra = raw.header.filter { !known.contains($0) }
            throw mismatch
        }
        var warnings: [String] = []
        for (column, count) in encoded.unseenLevels.sorted(by: { $0.key < $1.key }) {
            warnings.append("column '\(column)': \(count) rows with a category not seen in training (encoded as all zeros)")
        }
        if let idColumn = encoding.idColumn { warnings += Self.idWarnings(encoded.table.customerIDs, lines: raw.lines, column: idColumn) }
        for (column, count) in encoded.unexpectedMissing.sorted(by: { $0.key < $1.key }) {
            let scoredAs = encoding.fill(of: column).map { "scored as the training median \(NumberText.format($0))" } ?? "encoded as all zeros"
            warnings.append("column '\(column)': \(count) rows with no value, \(scoredAs) (no training row lacked it, so the model has no effect for a missing value)")
        }
        var spend: [Double]? = nil
        let horizon = valueHorizonDays ?? 365
        if let valueColumn {
            let j = try raw.columnIndex(valueColumn)
            let fill = encoding.fill(of: valueColumn)
            spend = try raw.cells.enumerated().map { i, row in
                let cell = row[j]
                let charge: Double
                if TableEncoding.isMissing(cell) {
                    charge = fill ?? 0
                } else if let value = encoding.number(cell) {
                    charge = value
                } else {
                    throw IngestionError.malformedRow(file: path, line: raw.lines[i], column: valueColumn,
                                                      reason: "cannot parse '\(cell)' as a number (the value column)")
                }
                return ValueAtRisk.expectedSpend(monthlyCharge: charge, horizonDays: horizon)
            }
        }
        return ScoringInput(table: encoded.table, expectedSpend: spend, valueHorizonDays: spend == nil ? nil : horizon,
                            asOf: nil, ingestion: nil, warnings: warnings)
    }
}
