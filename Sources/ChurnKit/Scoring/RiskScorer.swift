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
/// Scoring never materializes the design matrix: each row's inputs are transformed into a small
/// buffer and handed to the model's ``ScoringKernel``, so memory is the feature table (customers ×
/// feature columns) plus the results. The kernel is the one ``ChurnModel/linearPredictors(_:)``
/// uses, so both agree to the bit.
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
        if let terms = model.terms {
            return try score(table, kernel: terms, columnIndex: columnIndex, expectedSpend: expectedSpend, file: file) { k, row, values in
                let term = terms.terms[k]
                let first = term.inputIndices[0]
                return (inputs[first].column, values[columnIndex[first]], term.cellText(term.cell(row)))
            }
        }
        return try score(table, kernel: model.linearPredictor, columnIndex: columnIndex, expectedSpend: expectedSpend, file: file) { j, _, values in
            (inputs[j].column, values[columnIndex[j]], nil)
        }
    }
}
