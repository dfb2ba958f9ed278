/// SplitMix64: a tiny, seedable generator so shuffles are identical on every platform.
///
/// In Support, the lowest folder, because cross-validation folds, the stochastic solver and the
/// additive model's subsampling all draw from it. Internal: a user passes a seed, never a generator.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
