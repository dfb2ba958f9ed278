/// The acceptance test the line searches share.
enum LineSearch {
    /// Armijo's sufficient-decrease condition `F(θ + αd) ≤ F(θ) + c·(predicted decrease)`, with a
    /// slack of a few units in the last place of `F`: near the optimum the predicted decrease falls
    /// below the rounding noise of a sum over millions of rows, and a step that is right (it
    /// shrinks the gradient) must not be refused because `F` moved by 1e-13 the wrong way.
    @inline(__always)
    static func accepts(candidate: Double, current: Double, predictedDecrease: Double, c: Double = 1e-4) -> Bool {
        candidate <= current + c * predictedDecrease + 1e-13 * abs(current)
    }
}
