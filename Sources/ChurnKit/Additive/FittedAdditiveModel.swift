/// What an additive fit produced.
public struct FittedAdditiveModel: Sendable {
    /// The fitted model, ready to score or to store in a ``ChurnModel``.
    public var model: AdditiveModel
    /// The inputs that entered the model, in the design's column order.
    public var inputNames: [String]
    /// Inputs dropped because they take a single value.
    public var droppedInputs: [String]
    /// How the final fit went: solver, iterations, convergence and timing.
    public var report: TrainingReport
    /// The pairs FAST ranked on the final main-effects model, best first (input indices, gain).
    var rankedPairs: [InteractionDetection.ScoredPair]
}
