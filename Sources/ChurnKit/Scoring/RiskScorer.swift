import Foundation

/// The features a model scores, rebuilt from a scoring input, with what valuing them needs.
public struct ScoringInput: Sendable {
    /// One row per customer: the transaction features as of `asOf`, or the encoded table.
    public var table: FeatureTable
    /// Expected spend over `valueHorizonDays` per row (``ValueAtRisk``); nil when there is no value.
    public var expectedSpend: [Double]?
    public var valueHorizonDays: Double?
    /// Transaction logs: the date the features are as of.
    public var asOf: CalendarDay?
    /// Transaction logs: rows read and skipped, dates, time.
    public var ingestion: IngestionSummary?
    /// Things a person should know that do not stop scoring (unseen categories).
    public var warnings: [String]
}

/// Applies a ``ChurnModel`` to customers: churn probability, logit, the top reasons and the
/// expected spend at risk, one ``ScoredCustomer`` per feature row.
///
/// Scoring never materializes the design matrix: each row is transformed, standardized and
/// summed on its own, so memory is the feature table (customers × feature columns) plus the
/// results. The logit is computed exactly as ``ChurnModel/linearPredictors(_:)`` does (the
/// standardized intercept plus the contributions in input order), so both agree to the bit.
public struct RiskScorer: Sendable {
    public var model: ChurnModel
    /// How many reasons per customer (the risk list has three columns).
    public var reasonCount: Int

    public init(model: ChurnModel, reasonCount: Int = 3) {
        self.model = model
        self.reasonCount = reasonCount
    }

    /// Scores every row of `input.table`. Throws ``ModelInputMismatch`` when the table lacks a
    /// column the model needs.
    public func score(_ input: ScoringInput, file: String) throws -> [ScoredCustomer] {
        try score(input.table, expectedSpend: input.expectedSpend, file: file)
    }

    public func score(_ table: FeatureTable, expectedSpend: [Double]?, file: String) throws -> [ScoredCustomer] {
        precondition(expectedSpend.map { $0.count == table.rowCount } ?? true,
                     "\(expectedSpend?.count ?? 0) expected-spend values for \(table.rowCount) rows")
        if model.modelType == ChurnModel.bgnbdType, let bgnbd = model.bgnbd { return try bgnbd.score(table, expectedSpend: expectedSpend) }
        let table = try model.withBGNBDColumns(table, file: file)
        let inputs = model.inputs
        let missing = Array(Set(inputs.map(\.column)).subtracting(table.columnNames)).sorted()
        guard missing.isEmpty else { throw ModelInputMismatch(file: file, missing: missing, extra: []) }
        let columnIndex = inputs.map { table.columnNames.firstIndex(of: $0.column)! }
        try table.checkFinite(file: file, columns: inputs.map(\.column))
        let transforms = inputs.map(\.transform)
        let beta = model.coefficients.map(\.standardized)
        let means = model.standardizer.means, stds = model.standardizer.standardDeviations
        let intercept = model.intercept.standardized
        let p = inputs.count, width = table.columnCount

        if let terms = model.terms {
            return score(table, terms: terms, columnIndex: columnIndex, expectedSpend: expectedSpend)
        }
        var scored: [ScoredCustomer] = []
        scored.reserveCapacity(table.rowCount)
        var contributions = [Double](repeating: 0, count: p)
        try table.values.withUnsafeBufferPointer { values in
            for i in 0..<table.rowCount {
                var z = intercept
                for j in 0..<p {
                    let x = transforms[j].apply(values[i * width + columnIndex[j]])
                    let c = beta[j] * (x - means[j]) / stds[j]
                    contributions[j] = c
                    z += c
                }
                if !z.isFinite {
                    // A finite input can still overflow its transform or contribution (exp of a huge value).
                    let j = contributions.firstIndex(where: { !$0.isFinite }) ?? 0
                    throw NonFiniteValueError(file: file, customer: table.customerIDs[i], column: "logit (from \(inputs[j].name))", value: z)
                }
                let reasons = ScoreReasons.top(contributions, count: reasonCount).map { j in
                    ScoreReason(column: inputs[j].column, value: values[i * width + columnIndex[j]], contribution: contributions[j])
                }
                scored.append(ScoredCustomer(customerID: table.customerIDs[i], row: i, churnProbability: LogisticLoss.sigmoid(z),
                                             logit: z, reasons: reasons, expectedSpend: expectedSpend?[i]))
            }
        }
        return scored
    }

    // MARK: Inputs

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
            let needed = [columns.customer, columns.date, columns.amount]
            throw ModelInputMismatch(file: file, missing: needed.filter { !available.contains($0) },
                                     extra: available.filter { !needed.contains($0) },
                                     note: "the model reads a transaction log with columns \(needed.joined(separator: ", "))")
        }
        let horizon = valueHorizonDays ?? Double(spec.horizonDays)
        let table = result.table
        let index = { (feature: TransactionFeature) in table.columnNames.firstIndex(of: feature.name)! }
        let (f, t, mv, mt) = (index(.frequency), index(.T), index(.monetaryValue), index(.monetaryTotal))
        let spend = (0..<table.rowCount).map { i in
            ValueAtRisk.expectedSpend(frequency: table[i, f], T: table[i, t], monetaryValue: table[i, mv],
                                      monetaryTotal: table[i, mt], horizonDays: horizon)
        }
        return ScoringInput(table: table, expectedSpend: spend, valueHorizonDays: horizon, asOf: result.window.cutoff,
                            ingestion: result.ingestion, warnings: [])
    }

    /// A labelled-table input (one row per customer; the label may be absent), encoded as in
    /// training. `valueColumn` names a monthly charge for the value at risk; `valueHorizonDays`
    /// defaults to 365 (a year of charges).
    public func tableInput(path: String, valueColumn: String? = nil, valueHorizonDays: Double? = nil) throws -> ScoringInput {
        guard model.featureSpec.inputKind == .table, let encoding = model.featureSpec.table else {
            let columns = model.featureSpec.transactions?.columns ?? TransactionColumns()
            throw ModelInputMismatch(file: path, missing: [], extra: [],
                                     note: "the model was trained on a transaction log (columns \(columns.customer), \(columns.date), \(columns.amount)), not a labelled table")
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
