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
}
