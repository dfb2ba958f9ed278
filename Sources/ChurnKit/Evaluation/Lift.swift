/// How much richer in churners the highest-risk customers are than the whole population.
///
/// `lift@k%` = (churn rate among the top `m = ⌊n·k/100⌋` rows of the ranking) / (churn rate of all
/// rows), with weighted churn rates `Σ wᵢyᵢ / Σ wᵢ` when weights are given (the same `m` rows:
/// the cut is by customers, not by weight). A lift of 3 at 10% means a campaign aimed at the top
/// tenth reaches three times as many churners as one aimed at random. `top_decile_lift` is
/// `lift@10%`. Ties at the cut are broken by row index (see ``ScoreRanking``).
///
/// NaN when the top is empty (fewer than 100/k rows), has zero weight, or there are no churners.
enum Lift {
    /// `labels`: 0/1 per row; `weights`: nil = 1 per row; `percent` in 0...100.
    static func atTop(percent: Double, labels: [Double], ranking: ScoreRanking, weights: [Double]? = nil) -> Double {
        atTop(percent: percent, EvaluationInput(labels: labels, probabilities: ranking.probabilities, weights: weights), ranking: ranking)
    }

    static func atTop(percent: Double, _ input: EvaluationInput, ranking: ScoreRanking) -> Double {
        let m = ranking.topCount(percent: percent)
        var churners = 0.0, weight = 0.0
        for i in ranking.order.prefix(m) {
            churners += input.weight(i) * input.labels[i]
            weight += input.weight(i)
        }
        guard weight > 0, input.positives > 0 else { return .nan }
        return (churners / weight) / (input.positives / input.totalWeight)
    }
}
