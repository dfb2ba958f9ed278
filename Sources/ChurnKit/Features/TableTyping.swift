/// Choices a user makes about a labelled table's labels and column types.
public struct TableTyping: Sendable, Equatable {
    /// Label values that mean "not churned" (`--negative`); nil: the one value other than the
    /// positive one.
    public var negativeLabels: [String]?
    /// Columns to one-hot encode as text even though their cells are numbers (`--text-columns`).
    public var textColumns: Set<String>

    /// The defaults infer both: the label's other value, and text columns from their cells.
    public init(negativeLabels: [String]? = nil, textColumns: Set<String> = []) {
        self.negativeLabels = negativeLabels
        self.textColumns = textColumns
    }
}
