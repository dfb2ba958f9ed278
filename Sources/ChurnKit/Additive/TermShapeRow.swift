/// One row of an additive model's shape tables: a cell of a term, its range in words, its
/// contribution to the logit and the training rows it holds.
public struct TermShapeRow: Sendable, Equatable {
    /// The term's name: one input, or two joined by `×`.
    public var term: String
    /// The term's rank by mean |contribution| (1 = most important).
    public var rank: Int
    /// Mean |contribution| over the training rows: how much the term moves the logit on average.
    public var importance: Double
    /// The cell's index in the term's table.
    public var cell: Int
    /// The cell's input range in words (`missing`, `≤ 3`, `(3, 7]`, …).
    public var range: String
    /// The cell's contribution to the logit.
    public var contribution: Double
    /// Training weight in the cell.
    public var rows: Double
    /// The order the term's shape was constrained to keep; nil: free (and for every pair).
    public var monotone: MonotoneDirection? = nil
}
