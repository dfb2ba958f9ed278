/// Net Promoter Score of a set of 0–10 survey answers.
///
/// Promoters answer 9 or 10, passives 7 or 8, detractors 0 to 6.
/// `NPS = % promoters − % detractors`, from −100 to 100; undefined (nil) without answers.
public struct NetPromoterScore: Sendable, Equatable {
    /// Responses of 9 or 10.
    public var promoters = 0
    /// Responses of 7 or 8.
    public var passives = 0
    /// Responses of 0 to 6.
    public var detractors = 0
    /// Rows without an answer (a blank or missing-value cell): not responses, so not in the score.
    public var unanswered = 0

    /// A score from counts.
    public init(promoters: Int = 0, passives: Int = 0, detractors: Int = 0, unanswered: Int = 0) {
        self.promoters = promoters
        self.passives = passives
        self.detractors = detractors
        self.unanswered = unanswered
    }

    /// Counts one answer; `score` must be in 0...10 (readers check this and report bad rows).
    public mutating func add(score: Int) {
        precondition((0...10).contains(score), "an NPS answer is 0...10, got \(score)")
        switch score {
        case 9...10: promoters += 1
        case 7...8: passives += 1
        default: detractors += 1
        }
    }

    /// All responses counted.
    public var responses: Int { promoters + passives + detractors }

    /// Promoters / responses × 100.
    public var promoterPercent: Double? { percent(promoters) }
    /// Detractors / responses × 100.
    public var detractorPercent: Double? { percent(detractors) }
    /// `promoterPercent − detractorPercent`.
    public var score: Double? { percent(promoters - detractors) }

    private func percent(_ count: Int) -> Double? {
        responses > 0 ? Double(count) / Double(responses) * 100 : nil
    }
}
