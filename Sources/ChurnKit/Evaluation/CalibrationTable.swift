
/// Do predicted probabilities match observed churn rates? Rows binned by probability, with the
/// mean prediction and the observed churn rate of each bin, and the expected calibration error.
///
/// Bins follow scikit-learn's `calibration_curve`: `b + 1` edges (see ``CalibrationStrategy``),
/// and a row goes to the bin `#{inner edges < p}`, so a probability equal to an inner edge belongs
/// to the lower bin. Per bin, with weights `w` (1 when unweighted):
/// `mean_predicted = Σ w·p / Σ w`, `observed_rate = Σ w·y / Σ w`.
///
/// `ece` = Σ over non-empty bins of (W_bin / W)·|observed_rate − mean_predicted|, W the total
/// weight (the row count when unweighted): the average gap between what the model says and what
/// happens, weighted by how many customers see it. 0 for a perfectly calibrated model.
///
/// Empty bins stay in the table (count 0, rates NaN, `null` in JSON) so that the edges read
/// continuously; scikit-learn's `calibration_curve` drops them.
public struct CalibrationTable: Codable, Sendable, Equatable {
    /// One probability bin: what the model predicted there and what happened.
    public struct Bin: Codable, Sendable, Equatable {
        /// Lower edge of the bin's probabilities.
        public var lower: Double
        /// Upper edge of the bin's probabilities.
        public var upper: Double
        /// Rows in the bin.
        public var count: Int
        /// Σ w over the bin (equal to `count` when unweighted).
        public var weight: Double
        /// Mean predicted probability in the bin (NaN when empty).
        @NaNAsNull public var meanPredicted: Double
        /// Observed churn rate in the bin (NaN when empty).
        @NaNAsNull public var observedRate: Double

        enum CodingKeys: String, CodingKey {
            case lower, upper, count, weight, meanPredicted = "mean_predicted", observedRate = "observed_rate"
        }
    }

    /// How the bins were cut (equal width or equal count).
    public var strategy: CalibrationStrategy
    /// The bins, lowest probabilities first.
    public var bins: [Bin]
    /// Row-weighted mean |predicted − observed| over the bins.
    @NaNAsNull public var expectedCalibrationError: Double
    /// Why the table may mislead (few rows per bin, …), in words.
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case strategy, bins, expectedCalibrationError = "ece", warnings
    }

    /// `labels`: 0/1 per row; `probabilities` in [0, 1]; `weights`: nil = 1 per row.
    public static func compute(labels: [Double], probabilities: [Double], weights: [Double]? = nil, binCount: Int = 10,
                               strategy: CalibrationStrategy = .uniform) -> CalibrationTable {
        precondition(binCount >= 1, "a calibration table needs at least one bin, got \(binCount)")
        let input = EvaluationInput(labels: labels, probabilities: probabilities, weights: weights)
        guard input.count > 0 else {
            return CalibrationTable(strategy: strategy, bins: [], expectedCalibrationError: .nan, warnings: ["no rows to evaluate"])
        }
        let edges = strategy == .uniform ? uniformEdges(binCount) : quantileEdges(probabilities, binCount)
        var counts = [Int](repeating: 0, count: binCount)
        var weightSums = [Double](repeating: 0, count: binCount)
        var predictedSums = [Double](repeating: 0, count: binCount)
        var churnerSums = [Double](repeating: 0, count: binCount)
        for i in 0..<input.count {
            let p = probabilities[i], w = input.weight(i)
            let b = innerEdgesBelow(p, edges)
            counts[b] += 1
            weightSums[b] += w
            predictedSums[b] += w * p
            churnerSums[b] += w * input.labels[i]
        }
        var bins: [Bin] = []
        var ece = 0.0
        for b in 0..<binCount {
            let weight = weightSums[b]
            let bin = Bin(lower: edges[b], upper: edges[b + 1], count: counts[b], weight: weight,
                          meanPredicted: weight > 0 ? predictedSums[b] / weight : .nan,
                          observedRate: weight > 0 ? churnerSums[b] / weight : .nan)
            if weight > 0 { ece += weight / input.totalWeight * abs(bin.observedRate - bin.meanPredicted) }
            bins.append(bin)
        }
        var warnings: [String] = []
        if input.totalWeight == 0 { warnings.append("all weights are 0: the calibration error is undefined") }
        return CalibrationTable(strategy: strategy, bins: bins, expectedCalibrationError: input.totalWeight > 0 ? ece : .nan,
                                warnings: warnings)
    }

    /// numpy's `linspace(0, 1, b + 1)`: `k·(1/b)`, the last edge exactly 1.
    static func uniformEdges(_ binCount: Int) -> [Double] {
        let step = 1.0 / Double(binCount)
        return (0...binCount).map { $0 == binCount ? 1 : Double($0) * step }
    }

    /// numpy's `percentile(p, linspace(0, 1, b + 1)·100)` with linear interpolation, reproduced
    /// operation for operation (including numpy's two-sided lerp) so that edges equal to a data
    /// value are that value exactly and bin membership matches scikit-learn.
    static func quantileEdges(_ probabilities: [Double], _ binCount: Int) -> [Double] {
        let sorted = probabilities.sorted()
        let n = sorted.count
        return uniformEdges(binCount).map { q in
            let virtualIndex = Double(n - 1) * (q * 100 / 100)
            let below = min(max(Int(virtualIndex.rounded(.down)), 0), n - 1)
            let above = min(below + 1, n - 1)
            let t = virtualIndex - Double(below)
            let a = sorted[below], b = sorted[above], difference = b - a
            return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
        }
    }

    /// numpy's `searchsorted(edges[1:-1], p, side='left')`: the number of inner edges below `p`.
    @inline(__always) static func innerEdgesBelow(_ p: Double, _ edges: [Double]) -> Int {
        var low = 1, high = edges.count - 1 // search edges[1 ..< count − 1]
        while low < high {
            let mid = (low + high) / 2
            if edges[mid] < p { low = mid + 1 } else { high = mid }
        }
        return low - 1
    }
}
