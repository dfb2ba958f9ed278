/// One customer's RFM scores.
public struct RFMScore: Sendable, Equatable {
    public var recency: Int
    public var frequency: Int
    public var monetary: Int

    /// `"545"`: R, F, M.
    public var code: String { "\(recency)\(frequency)\(monetary)" }
    public var segment: RFMSegment { RFMSegment(recency: recency, frequency: frequency, monetary: monetary) }
}
