/// The checks and sums every metric starts from: labels 0/1, probabilities, optional weights.
///
/// Mismatched lengths, labels other than 0/1, NaN probabilities and negative or non-finite weights
/// are caller bugs (the feature table and the scorer already validate their data), so they stop
/// with a precondition that names the numbers.
struct EvaluationInput {
    let labels: [Double]
    let probabilities: [Double]
    let weights: [Double]?
    /// Σ wᵢ·yᵢ: the (weighted) number of churners.
    let positives: Double
    /// Σ wᵢ·(1 − yᵢ): the (weighted) number of non-churners.
    let negatives: Double

    init(labels: [Double], probabilities: [Double], weights: [Double]?) {
        precondition(labels.count == probabilities.count, "\(labels.count) labels for \(probabilities.count) probabilities")
        if let weights { precondition(weights.count == labels.count, "\(weights.count) weights for \(labels.count) rows") }
        var positives = 0.0, negatives = 0.0
        for i in 0..<labels.count {
            let y = labels[i], w = weights?[i] ?? 1
            precondition(y == 0 || y == 1, "labels must be 0 or 1, row \(i) has \(y)")
            precondition(!probabilities[i].isNaN, "probability of row \(i) is NaN")
            precondition(w >= 0 && w.isFinite, "weights must be finite and ≥ 0, row \(i) has \(w)")
            if y == 1 { positives += w } else { negatives += w }
        }
        self.labels = labels
        self.probabilities = probabilities
        self.weights = weights
        self.positives = positives
        self.negatives = negatives
    }

    var count: Int { labels.count }
    var totalWeight: Double { positives + negatives }
    @inline(__always) func weight(_ i: Int) -> Double { weights?[i] ?? 1 }

    /// Names the cause when one class is missing, or nil when both are present.
    var missingClassWarning: String? {
        if count == 0 { return "no rows to evaluate" }
        if positives > 0 && negatives > 0 { return nil }
        let present = positives > 0 ? "churners (label 1)" : "non-churners (label 0)"
        return "only one class present (\(count) rows, all \(present)): ranking metrics need both churners and non-churners"
    }
}
