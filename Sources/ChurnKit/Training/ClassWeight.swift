/// How samples of each class are weighted, as scikit-learn's `class_weight`.
public enum ClassWeight: String, Codable, Sendable, CaseIterable {
    /// Every row counts once.
    case none
    /// `n / (2·count_c)` for class c, so both classes carry equal total weight; multiplies any
    /// sample weights.
    case balanced

    /// Per-row weights for `labels` (0/1), or nil for `.none`.
    public func weights(for labels: [Double]) -> [Double]? {
        guard self == .balanced else { return nil }
        let positives = labels.reduce(0, +)
        let negatives = Double(labels.count) - positives
        let n = Double(labels.count)
        let positiveWeight = n / (2 * max(positives, 1)), negativeWeight = n / (2 * max(negatives, 1))
        return labels.map { $0 == 1 ? positiveWeight : negativeWeight }
    }

    /// The weights a fit uses: the sample weights (nil = all 1) times the class weights.
    public func combined(with sampleWeights: [Double]?, labels: [Double]) -> [Double]? {
        guard let classWeights = weights(for: labels) else { return sampleWeights }
        return sampleWeights.map { w in zip(w, classWeights).map { $0 * $1 } } ?? classWeights
    }
}
