/// Picks the reasons of one scored row.
enum ScoreReasons {
    /// The (at most) `count` inputs with the largest positive contributions, largest first; equal
    /// contributions keep the model's input order. Inputs that lower the risk are never reasons.
    ///
    /// `contributions`: one row, one entry per model input. Returns indices into it.
    static func top(_ contributions: UnsafeBufferPointer<Double>, count: Int) -> [Int] {
        var picked: [Int] = []
        picked.reserveCapacity(count)
        for (j, c) in contributions.enumerated() where c > 0 {
            // Insertion into a list of at most `count`: p is ≤ a few dozen inputs.
            var k = picked.count
            while k > 0, contributions[picked[k - 1]] < c { k -= 1 }
            if k < count {
                picked.insert(j, at: k)
                if picked.count > count { picked.removeLast() }
            }
        }
        return picked
    }

    /// The same for an array row.
    static func top(_ contributions: [Double], count: Int) -> [Int] {
        contributions.withUnsafeBufferPointer { top($0, count: count) }
    }
}
