extension SeededGenerator {
    /// A uniform integer in `0..<bound`: Lemire's multiply-shift with rejection of the biased low
    /// part, written out here because the standard library may change its own algorithm.
    mutating func index(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive, got \(bound)")
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }

    /// Fisher–Yates shuffle, the same permutation for a seed on every platform and Swift version
    /// (`Array.shuffle(using:)` documents that its algorithm may change between versions).
    mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        for i in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(i, index(below: i + 1))
        }
    }
}
