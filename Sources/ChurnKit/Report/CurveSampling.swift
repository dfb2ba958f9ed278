/// Picks points of a long curve for drawing or tabulating: at most about `maxPoints`, evenly
/// spaced along the curve's length in unit-scaled coordinates, always keeping the first and the
/// last. A ROC curve of 20 000 distinct scores draws the same at 400 points, and its table reads
/// better at 20.
enum CurveSampling {
    /// Indices into `xs`/`ys` (both in [0, 1]-ish units); non-finite points are skipped.
    static func indices(xs: [Double], ys: [Double], maxPoints: Int) -> [Int] {
        precondition(xs.count == ys.count, "\(xs.count) x values for \(ys.count) y values")
        let finite = xs.indices.filter { xs[$0].isFinite && ys[$0].isFinite }
        guard finite.count > maxPoints, maxPoints >= 2 else { return finite }
        var length = [0.0]
        for k in 1..<finite.count {
            let a = finite[k - 1], b = finite[k]
            let dx = xs[b] - xs[a], dy = ys[b] - ys[a]
            length.append(length[k - 1] + (dx * dx + dy * dy).squareRoot())
        }
        let step = length.last! / Double(maxPoints - 1)
        var picked = [finite[0]]
        var next = step
        for k in 1..<(finite.count - 1) where length[k] >= next {
            picked.append(finite[k])
            next = (length[k] / step).rounded(.down) * step + step
        }
        picked.append(finite[finite.count - 1])
        return picked
    }
}
