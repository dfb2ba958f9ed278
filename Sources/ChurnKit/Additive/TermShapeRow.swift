/// One row of an additive model's shape tables: a cell of a term, its range in words, its
/// contribution to the logit and the training rows it holds.
public struct TermShapeRow: Sendable, Equatable {
    public var term: String
    /// The term's rank by mean |contribution| (1 = most important).
    public var rank: Int
    public var importance: Double
    public var cell: Int
    public var range: String
    public var contribution: Double
    public var rows: Double
}
