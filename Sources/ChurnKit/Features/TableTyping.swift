/// Choices a user makes about a labelled table's labels and column types.
public struct TableTyping: Sendable, Equatable {
    /// Label values that mean "not churned" (`--negative`); nil: the one value other than the
    /// positive one.
    public var negativeLabels: [String]?
    /// Columns to one-hot encode as text even though their cells are numbers (`--text-columns`).
    public var textColumns: Set<String>
    /// The fewest training rows a text level needs for a one-hot column of its own
    /// (`--min-level-rows`). Rarer levels share one `<column>=(other)` column, which also takes
    /// levels never seen in training. A coefficient fitted on three rows memorizes their labels: a
    /// surname or free-text column of thousands of levels, one-hot and standardized, drags a
    /// logistic regression from 0.87 to 0.72 AUC. 10 is the Explainable Boosting Machine's
    /// `min_cat_samples` (scikit-learn's `min_frequency` does the same pooling); 1 keeps every level.
    public var minLevelRows: Int
    /// Numbers are written with a decimal comma (`0,5`; `--decimal-comma`), and a point is not a
    /// decimal mark. Stored in the encoding, so scoring reads the table the same way.
    public var decimalComma: Bool

    /// The defaults infer both: the label's other value, and text columns from their cells.
    public init(negativeLabels: [String]? = nil, textColumns: Set<String> = [], minLevelRows: Int = TableTyping.defaultMinLevelRows,
                decimalComma: Bool = false) {
        self.negativeLabels = negativeLabels
        self.textColumns = textColumns
        self.minLevelRows = minLevelRows
        self.decimalComma = decimalComma
    }

    /// The default ``minLevelRows``.
    public static let defaultMinLevelRows = 10
}
