import Foundation

/// Applies a ``ChurnModel`` to customers: churn probability, logit, the top reasons and the
/// expected spend at risk, one ``ScoredCustomer`` per feature row.
///
/// Scoring never materializes the design matrix: each row's inputs are transformed into a small
/// buffer and handed to the model's ``ScoringKernel``, so memory is the feature table (customers ×
/// feature columns) plus the results. The kernel is the one ``ChurnModel/linearPredictors(_:)``
/// uses, so both agree to the bit.
public struct RiskScorer: Sendable {
    /// The model applied.
    public var model: ChurnModel
    /// How many reasons per customer (the risk list has three columns).
    public var reasonCount: Int

    /// A scorer of `model` giving at most `reasonCount` reasons per customer.
    public init(model: ChurnModel, reasonCount: Int = 3) {
        self.model = model
        self.reasonCount = reasonCount
    }

    /// Scores every row of `input.table`. Throws ``ModelInputMismatch`` when the table lacks a
    /// column the model needs.
    public func score(_ input: ScoringInput, file: String) throws -> [ScoredCustomer] {
        try score(input.table, expectedSpend: input.expectedSpend, file: file)
    }

    /// Scores every row of `table` (a feature table with the model's columns); `expectedSpend`
    /// (one per row) values them; `file` names the input in errors.
    public func score(_ table: FeatureTable, expectedSpend: [Double]?, file: String) throws -> [ScoredCustomer] {
        precondition(expectedSpend.map { $0.count == table.rowCount } ?? true,
                     "\(expectedSpend?.count ?? 0) expected-spend values for \(table.rowCount) rows")
        if model.modelType == ChurnModel.bgnbdType, let bgnbd = model.bgnbd { return try bgnbd.score(table, expectedSpend: expectedSpend) }
        switch try bound(table, file: file) {
        case let .linear(kernel): return try kernel.scoredCustomers(expectedSpend: expectedSpend, file: file)
        case let .additive(kernel): return try kernel.scoredCustomers(expectedSpend: expectedSpend, file: file)
        }
    }

    /// Scores and ranks every row of `input.table`: the same probabilities and order as
    /// ``RiskList/init(scored:modelID:scoredAt:bands:)`` of ``score(_:file:)``, without a
    /// ``ScoredCustomer`` per row. Reasons are computed only for the rows the list is asked for
    /// (the rows written or shown), which at a million customers is most of the scoring time and
    /// memory saved when a selection writes few of them.
    public func rank(_ input: ScoringInput, file: String, modelID: String, scoredAt: String,
                     bands: RiskBands = .defaultProbability) throws -> RiskList {
        let table = input.table, expectedSpend = input.expectedSpend
        precondition(expectedSpend.map { $0.count == table.rowCount } ?? true,
                     "\(expectedSpend?.count ?? 0) expected-spend values for \(table.rowCount) rows")
        if model.modelType == ChurnModel.bgnbdType, let bgnbd = model.bgnbd {
            return RiskList(scored: try bgnbd.score(table, expectedSpend: expectedSpend), modelID: modelID, scoredAt: scoredAt, bands: bands)
        }
        switch try bound(table, file: file) {
        case let .linear(kernel):
            return try kernel.riskList(expectedSpend: expectedSpend, file: file, modelID: modelID, scoredAt: scoredAt, bands: bands)
        case let .additive(kernel):
            return try kernel.riskList(expectedSpend: expectedSpend, file: file, modelID: modelID, scoredAt: scoredAt, bands: bands)
        }
    }

    /// The model's kernel bound to `table`, by model kind.
    enum Bound {
        case linear(BoundKernel<LinearPredictor>)
        case additive(BoundKernel<AdditiveModel>)
    }

    /// Checks that `table` has the model's columns with finite values, and binds the kernel.
    func bound(_ table: FeatureTable, file: String) throws -> Bound {
        let table = try model.withBGNBDColumns(table, file: file)
        let inputs = model.inputs
        let missing = Array(Set(inputs.map(\.column)).subtracting(table.columnNames)).sorted()
        guard missing.isEmpty else { throw ModelInputMismatch(file: file, missing: missing, extra: []) }
        let columnIndex = inputs.map { table.columnNames.firstIndex(of: $0.column)! }
        try table.checkFinite(file: file, columns: inputs.map(\.column))
        let transforms = inputs.map(\.transform)
        if let terms = model.terms {
            return .additive(BoundKernel(table: table, kernel: terms, transforms: transforms, columnIndex: columnIndex,
                                         termNames: terms.terms.map(\.name), reasonCount: reasonCount) { k, row, values in
                let term = terms.terms[k]
                let first = term.inputIndices[0]
                return (inputs[first].column, values[columnIndex[first]], term.cellText(term.cell(row)))
            })
        }
        return .linear(BoundKernel(table: table, kernel: model.linearPredictor, transforms: transforms, columnIndex: columnIndex,
                                   termNames: inputs.map(\.name), reasonCount: reasonCount) { j, _, values in
            (inputs[j].column, values[columnIndex[j]], nil)
        })
    }
}
