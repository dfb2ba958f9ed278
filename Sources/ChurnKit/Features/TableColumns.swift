/// The columns of a labelled table (one row per customer) that are not model inputs, and how to
/// type the rest.
///
/// Training needs `label`; evaluating or scoring with a model leaves any of them nil to use what
/// the model stored (its label column, id column and typing), as a transaction log's columns do.
public struct TableColumns: Sendable, Equatable {
    /// The label column (e.g. `churn`); nil: the model's (evaluation) or none (scoring).
    public var label: String?
    /// The label value that means churned (e.g. `Yes`).
    public var positiveLabel: String
    /// The customer id column; nil: row numbers.
    public var id: String?
    /// A column of per-row sample weights.
    public var sampleWeight: String?
    /// Negative label values and columns kept as text although numeric (see ``TableEncoding``).
    public var typing: TableTyping
    /// The field separator of the table's file (`--delimiter`, as for a log).
    public var delimiter: FieldDelimiter

    /// Columns by name; the defaults are no label, `1` as the churned value, row numbers as ids,
    /// no weights, every column typed from its cells, and commas between fields.
    public init(label: String? = nil, positiveLabel: String = "1", id: String? = nil, sampleWeight: String? = nil,
                typing: TableTyping = TableTyping(), delimiter: FieldDelimiter = .comma) {
        self.label = label
        self.positiveLabel = positiveLabel
        self.id = id
        self.sampleWeight = sampleWeight
        self.typing = typing
        self.delimiter = delimiter
    }
}
