/// Everything a scorer needs to rebuild exactly the feature vector the model was trained on.
public struct FeatureSpec: Codable, Sendable, Equatable {
    /// Where a model's inputs come from.
    public enum InputKind: String, Codable, Sendable {
        /// A transaction log; features as of a cut-off (see ``TransactionFeature``).
        case transactions
        /// A table with one row per customer, encoded by ``TableEncoding``.
        case table
    }

    /// Transaction log or table.
    public var inputKind: InputKind
    /// For a transaction model: the log's columns and the feature definitions.
    public var transactions: TransactionFeatureSpec?
    /// For a table model: how each column was encoded.
    public var table: TableEncoding?
    /// The model inputs in coefficient order: a feature column and its transform.
    public var inputs: [ModelInput]
    /// Inputs asked for but dropped in training (zero variance).
    public var droppedInputs: [String]

    enum CodingKeys: String, CodingKey {
        case inputKind = "input_kind", transactions, table, inputs, droppedInputs = "dropped_inputs"
    }
}
