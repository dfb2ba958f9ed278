import Foundation

/// Scoring inputs rebuilt from a transaction log or a labelled table, the way the model was trained.
extension RiskScorer {
    /// Features of a transaction log as of `asOf` (nil: the log's last date), replaying the
    /// model's reference gap. `columns` nil uses the columns the model was trained with.
    /// `valueHorizonDays` nil uses the model's horizon.
    public func transactionInput(path: String, asOf: CalendarDay?, columns: TransactionColumns? = nil,
                                 badRows: BadRowPolicy = .fail, rejectsPath: String? = nil,
                                 valueHorizonDays: Double? = nil, progress: ProgressReporter = .silent) throws -> ScoringInput {
        guard model.featureSpec.inputKind == .transactions, let spec = model.featureSpec.transactions else {
            throw ModelInputMismatch(file: path, missing: [], extra: [],
                                     note: "the model was trained on a labelled table (\(model.featureSpec.table?.outputNames.count ?? 0) encoded columns), not a transaction log")
        }
        let columns = columns ?? spec.columns
        let builder = TransactionFeatureBuilder(columns: columns, badRows: badRows, rejectsPath: rejectsPath,
                                                referenceGapDays: spec.referenceGapDays)
        let result: TransactionFeatureResult
        do {
            result = try builder.build(path: path, cutoff: asOf, horizonDays: nil, progress: progress)
        } catch let IngestionError.missingColumn(file, _, available) {
            let needed = columns.required
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

    /// A labelled-table input (one row per customer; the label may be absent), encoded as in
    /// training. `valueColumn` names a monthly charge for the value at risk; `valueHorizonDays`
    /// defaults to 365 (a year of charges).
    public func tableInput(path: String, valueColumn: String? = nil, valueHorizonDays: Double? = nil) throws -> ScoringInput {
        guard model.featureSpec.inputKind == .table, let encoding = model.featureSpec.table else {
            let columns = model.featureSpec.transactions?.columns ?? TransactionColumns()
            throw ModelInputMismatch(file: path, missing: [], extra: [],
                                     note: "the model was trained on a transaction log (columns \(columns.required.joined(separator: ", "))), not a labelled table")
        }
        let raw = try RawTable.read(path: path)
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
        var spend: [Double]? = nil
        let horizon = valueHorizonDays ?? 365
        if let valueColumn {
            let j = try raw.columnIndex(valueColumn)
            let fill: Double? = encoding.columns.lazy.compactMap { column -> Double? in
                if case let .numeric(name, fill, _) = column, name == valueColumn { return fill }
                return nil
            }.first
            spend = try raw.cells.enumerated().map { i, row in
                let cell = row[j]
                let charge: Double
                if TableEncoding.missingMarkers.contains(cell) {
                    charge = fill ?? 0
                } else if let value = DecimalParser.parse(Substring(cell)) {
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
