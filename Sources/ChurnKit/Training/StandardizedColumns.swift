/// The columns a logistic-regression fit uses: zero-variance columns dropped, the rest
/// standardized (or left on their scale, with a warning when the scales differ wildly).
struct StandardizedColumns {
    /// The names of the kept columns, in order.
    let names: [String]
    /// The names of the dropped (constant) columns.
    let dropped: [String]
    /// The model's standardizer over the kept columns (the identity with standardization off).
    let standardizer: Standardizer
    /// The matrix the objective sees: rows × kept columns, standardized when asked.
    let design: DenseMatrix

    init(_ x: DenseMatrix, names inputNames: [String], standardize: Bool, diagnostics: inout [String]) throws {
        let full = Standardizer.fit(x)
        var kept: [Int] = [], dropped: [String] = []
        for j in 0..<x.columns {
            let std = full.standardDeviations[j]
            // Constant relative to its own level, so a column of tiny values that does vary is kept
            // (its standardized values are ordinary numbers); the floor keeps its coefficient on the
            // input's own scale, β / σ, finite.
            if std > 1e-12 * abs(full.means[j]) && std > 1e-300 { kept.append(j) } else { dropped.append(inputNames[j]) }
        }
        guard !kept.isEmpty else { throw TrainingError.noUsableFeatures(dropped: dropped) }
        if !dropped.isEmpty {
            diagnostics.append("dropped \(dropped.count) column(s) with zero variance (the same value in every row): \(dropped.joined(separator: ", "))")
        }
        let names = kept.map { inputNames[$0] }
        let keptMatrix = kept.count == x.columns ? x : Self.select(x, columns: kept)
        let stds = kept.map { full.standardDeviations[$0] }
        if standardize {
            standardizer = Standardizer(means: kept.map { full.means[$0] }, standardDeviations: stds)
            design = standardizer.transform(keptMatrix)
        } else {
            standardizer = Standardizer.identity(kept.count)
            design = keptMatrix
            if let finding = Self.scaleWarning(stds: stds, names: names) { diagnostics.append(finding) }
        }
        self.names = names
        self.dropped = dropped
    }

    /// Unstandardized inputs whose scales differ by more than 10³ make the penalty unequal and
    /// the solvers slow: say so.
    static func scaleWarning(stds: [Double], names: [String]) -> String? {
        guard let largest = stds.indices.max(by: { stds[$0] < stds[$1] }), let smallest = stds.indices.min(by: { stds[$0] < stds[$1] }),
              stds[largest] / stds[smallest] > 1e3 else { return nil }
        return "features are on wildly different scales (std of \(names[largest]) is \(NumberText.fixed(stds[largest] / stds[smallest], 0))× that of \(names[smallest])) and standardization is off: the penalty hits them unequally and solvers converge slowly; standardize (the default) or rescale"
    }

    static func select(_ x: DenseMatrix, columns: [Int]) -> DenseMatrix {
        var values = [Double](repeating: 0, count: x.rows * columns.count)
        for i in 0..<x.rows { for (k, j) in columns.enumerated() { values[i * columns.count + k] = x[i, j] } }
        return DenseMatrix(rows: x.rows, columns: columns.count, values: values)
    }
}
