/// Tells when a model is asked about customers unlike any it was trained on.
///
/// A logistic regression extrapolates linearly outside the training range, and nothing in the
/// probabilities shows it. The usual case is scoring later than the training cut-off: on CDNOW, a
/// model trained at 1997-09-30 has seen `T` up to 272 days, but as of 1998-06-30 every customer's
/// `T` is 273–545. Rolling snapshots (`--every`) or a later training cut-off fix it.
///
/// An additive model does not extrapolate: a value beyond its outermost bin edge falls in the end
/// bin, so its contribution is the one of the most extreme training customers, and no line is
/// continued. Such models get no warning.
public enum ExtrapolationCheck {
    /// A value counts as outside when it is beyond the training range by more than 10% of the range.
    public static let margin = 0.1
    /// Inputs with fewer customers outside than this share are not worth a warning (a few heavy
    /// buyers always exceed last year's maximum).
    public static let minimumShare = 0.01

    /// One sentence per model input with at least 1% of the rows outside its training range;
    /// empty when the model file has no ranges or the model is additive (its shapes hold their end bins).
    ///
    /// One pass over the rows for all inputs, on the column values: a transform is increasing
    /// (``FeatureTransform/inverse(_:)``), so the training range's bounds are carried back to the
    /// column's scale once instead of transforming a million values per input.
    public static func warnings(model: ChurnModel, table: FeatureTable) -> [String] {
        guard model.terms == nil, let ranges = model.inputRanges, table.rowCount > 0 else { return [] }
        var checks: [(input: ModelInput, range: ChurnModel.InputRange, column: Int, below: Double, above: Double)] = []
        for (input, range) in zip(model.inputs, ranges) {
            guard let j = table.columnNames.firstIndex(of: input.column) else { continue }
            let slack = margin * (range.maximum - range.minimum)
            checks.append((input, range, j, input.transform.inverse(range.minimum - slack), input.transform.inverse(range.maximum + slack)))
        }
        let k = checks.count, width = table.columnCount
        let columns = checks.map(\.column), below = checks.map(\.below), above = checks.map(\.above)
        var outside = [Int](repeating: 0, count: k)
        var lowest = [Double](repeating: .infinity, count: k), highest = [Double](repeating: -.infinity, count: k)
        table.values.withUnsafeBufferPointer { values in
            for i in 0..<table.rowCount {
                let row = values.baseAddress! + i * width
                for c in 0..<k {
                    let x = row[columns[c]]
                    lowest[c] = min(lowest[c], x)
                    highest[c] = max(highest[c], x)
                    if x < below[c] || x > above[c] { outside[c] += 1 }
                }
            }
        }
        var sentences: [String] = []
        for (c, check) in checks.enumerated() {
            guard outside[c] > 0, Double(outside[c]) >= minimumShare * Double(table.rowCount) else { continue }
            let input = check.input, range = check.range
            let shown = { (v: Double) in NumberText.fixed(input.transform.inverse(v), 2) }
            let percent = NumberText.fixed(100 * Double(outside[c]) / Double(table.rowCount), 1)
            sentences.append("\(outside[c]) customers (\(percent)%) have \(input.column) outside the training range [\(shown(range.minimum)), \(shown(range.maximum))] (here \(NumberText.fixed(lowest[c], 2)) … \(NumberText.fixed(highest[c], 2))): their scores extrapolate; retrain at a later cut-off or with rolling snapshots (SnapshotSchedule.every)")
        }
        return sentences
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension FeatureTransform {
    /// The column value a transformed value came from.
    public func inverse(_ y: Double) -> Double {
        switch self {
        case .identity: return y
        case .log1p: return y >= 0 ? expm1(y) : -expm1(-y)
        }
    }
}
