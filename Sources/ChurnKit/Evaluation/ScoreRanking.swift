/// Rows ordered by predicted churn probability, highest first: the one sort that the rank
/// metrics, the ROC curve, lift and the gains table share.
///
/// Equal probabilities are ordered by row index, ascending, so every cut through the ranking
/// (the top 10%, a decile boundary) is deterministic. Metrics that depend only on the scores —
/// AUC, average precision, KS — treat a run of equal probabilities as one threshold and so do not
/// depend on that order; lift and gains, which cut at a row count, do.
public struct ScoreRanking: Sendable {
    /// The probabilities the ranking was built from, in row order.
    public let probabilities: [Double]
    /// Row indices by probability descending, ties by row index ascending.
    public let order: [Int]

    /// Sorts once: O(n log n) time, one array of n indices.
    public init(probabilities: [Double]) {
        for (i, p) in probabilities.enumerated() { precondition(!p.isNaN, "probability of row \(i) is NaN") }
        self.probabilities = probabilities
        self.order = probabilities.indices.sorted { a, b in
            probabilities[a] > probabilities[b] || (probabilities[a] == probabilities[b] && a < b)
        }
    }

    /// The points of ``forEachThreshold(_:_:)`` as arrays (the curves keep or drop points by
    /// looking at their neighbours).
    func thresholdCounts(_ input: EvaluationInput) -> (thresholds: [Double], truePositives: [Double], falsePositives: [Double]) {
        var thresholds: [Double] = [], tps: [Double] = [], fps: [Double] = []
        forEachThreshold(input) { threshold, tp, fp in
            thresholds.append(threshold)
            tps.append(tp)
            fps.append(fp)
        }
        return (thresholds, tps, fps)
    }

    /// Visits each distinct probability, highest first, with the cumulative (weighted) churners
    /// and non-churners scored at or above it: the points of scikit-learn's `_binary_clf_curve`.
    func forEachThreshold(_ input: EvaluationInput, _ body: (_ threshold: Double, _ truePositives: Double, _ falsePositives: Double) -> Void) {
        precondition(input.count == order.count, "\(input.count) rows evaluated with a ranking of \(order.count)")
        var truePositives = 0.0, falsePositives = 0.0
        var k = 0
        while k < order.count {
            let threshold = probabilities[order[k]]
            while k < order.count, probabilities[order[k]] == threshold {
                let i = order[k]
                if input.labels[i] == 1 { truePositives += input.weight(i) } else { falsePositives += input.weight(i) }
                k += 1
            }
            body(threshold, truePositives, falsePositives)
        }
    }

    /// The number of rows in the top `percent`% of the ranking: `⌊n·percent/100⌋`.
    public func topCount(percent: Double) -> Int {
        precondition(percent >= 0 && percent <= 100, "percent must be in 0...100, got \(percent)")
        return Int((Double(order.count) * percent / 100).rounded(.down))
    }
}
