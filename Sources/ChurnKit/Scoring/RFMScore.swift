/// One customer's RFM scores.
public struct RFMScore: Sendable, Equatable {
    /// 1–5: 5 bought most recently.
    public var recency: Int
    /// 1–5: 5 bought on the most days.
    public var frequency: Int
    /// 1–5: 5 spent the most.
    public var monetary: Int

    /// `"545"`: R, F, M.
    public var code: String { "\(recency)\(frequency)\(monetary)" }
    /// The named segment of these scores.
    public var segment: RFMSegment { RFMSegment(recency: recency, frequency: frequency, monetary: monetary) }
}
