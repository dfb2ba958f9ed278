/// One customer's RFM scores.
public struct RFMScore: Sendable, Equatable {
    /// R, 1–5: 5 = the most recent buyers.
    public var recency: Int
    /// F, 1–5: 5 = the most repeat purchase days.
    public var frequency: Int
    /// M, 1–5: 5 = the biggest total spend.
    public var monetary: Int

    /// `"545"`: R, F, M.
    public var code: String { "\(recency)\(frequency)\(monetary)" }
    /// The named segment of these scores (``RFMSegment``).
    public var segment: RFMSegment { RFMSegment(recency: recency, frequency: frequency, monetary: monetary) }
}
