/// What an additive fit produced.
public struct FittedAdditiveModel: Sendable {
    public var model: AdditiveModel
    /// The inputs that entered the model, in the design's column order.
    public var inputNames: [String]
    /// Inputs dropped because they take a single value.
    public var droppedInputs: [String]
    public var report: TrainingReport
    /// The pairs FAST ranked on the final main-effects model, best first (input indices, gain).
    var rankedPairs: [InteractionDetection.ScoredPair]
}
