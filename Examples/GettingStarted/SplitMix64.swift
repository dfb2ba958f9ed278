/// SplitMix64 (Steele, Lea and Flood 2014): a tiny seeded generator, so the example's made-up
/// shop is the same on every run and every machine, which lets a test check what it prints.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1) from the top 53 bits (not `Double.random(in:using:)`, whose
    /// algorithm the standard library does not promise to keep).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
