/// Weighted isotonic regression by pool-adjacent-violators (PAVA), the projection interpret's
/// `monotonize` applies to a shape's bin scores.
///
/// Minimizes `Σₖ wₖ·(fₖ − vₖ)²` over non-decreasing `f` (or non-increasing): adjacent entries that
/// violate the order are pooled into their weighted mean until none do. Linear time.
enum IsotonicRegression {
    /// The blocks of the fit: each a run of consecutive entries sharing one value.
    struct Block: Equatable {
        var start: Int
        var end: Int
        var weight: Double
        var value: Double
    }

    /// The pooled blocks of `values` (weights > 0; a zero weight is taken as a tiny one, so an
    /// entry no row reached still joins a block).
    static func blocks(_ values: [Double], weights: [Double], increasing: Bool) -> [Block] {
        precondition(values.count == weights.count, "\(values.count) values for \(weights.count) weights")
        let sign = increasing ? 1.0 : -1.0
        var stack: [Block] = []
        stack.reserveCapacity(values.count)
        for k in values.indices {
            var block = Block(start: k, end: k + 1, weight: max(weights[k], 1e-12), value: sign * values[k])
            while let last = stack.last, last.value > block.value {
                stack.removeLast()
                let weight = last.weight + block.weight
                block = Block(start: last.start, end: block.end, weight: weight,
                              value: (last.weight * last.value + block.weight * block.value) / weight)
            }
            stack.append(block)
        }
        return stack.map { Block(start: $0.start, end: $0.end, weight: $0.weight, value: sign * $0.value) }
    }

    /// The isotonic fit itself, one value per entry.
    static func fit(_ values: [Double], weights: [Double], increasing: Bool) -> [Double] {
        var out = [Double](repeating: 0, count: values.count)
        for block in blocks(values, weights: weights, increasing: increasing) {
            for k in block.start..<block.end { out[k] = block.value }
        }
        return out
    }

    /// Whether `values` already respect the order (ties allowed).
    static func isMonotone(_ values: [Double], increasing: Bool) -> Bool {
        guard values.count > 1 else { return true }
        for k in 1..<values.count where increasing ? values[k] < values[k - 1] : values[k] > values[k - 1] { return false }
        return true
    }
}
