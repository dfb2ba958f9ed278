/// An assignment of every row to one of k cross-validation folds.
///
/// Model-agnostic: a training loop fits on ``trainingIndices(fold:)`` and evaluates on
/// ``testIndices(fold:)`` for each fold in turn, so that every row is scored exactly once by a
/// model that did not see it.
public struct CrossValidationFolds: Codable, Sendable, Equatable {
    /// Number of folds.
    public var foldCount: Int
    /// The fold (0 ..< foldCount) of each row.
    public var foldOfRow: [Int]
    /// Folds without churners or without non-churners (their AUC would be undefined), and classes
    /// with fewer rows than folds.
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case foldCount = "fold_count", foldOfRow = "fold_of_row", warnings
    }

    /// Folds from a fold number (0 ..< `foldCount`) per row, e.g. read back from a prediction table.
    public init(foldCount: Int, foldOfRow: [Int], warnings: [String] = []) {
        precondition(foldOfRow.allSatisfy { (0..<foldCount).contains($0) }, "fold indices must be in 0..<\(foldCount)")
        self.foldCount = foldCount
        self.foldOfRow = foldOfRow
        self.warnings = warnings
    }

    /// The rows held out in `fold`, ascending.
    public func testIndices(fold: Int) -> [Int] {
        precondition((0..<foldCount).contains(fold), "fold \(fold) of \(foldCount)")
        return foldOfRow.indices.filter { foldOfRow[$0] == fold }
    }

    /// The rows a model is trained on when `fold` is held out, ascending.
    public func trainingIndices(fold: Int) -> [Int] {
        precondition((0..<foldCount).contains(fold), "fold \(fold) of \(foldCount)")
        return foldOfRow.indices.filter { foldOfRow[$0] != fold }
    }

    /// Rows per fold.
    public var rowCounts: [Int] {
        var counts = [Int](repeating: 0, count: foldCount)
        for fold in foldOfRow { counts[fold] += 1 }
        return counts
    }

    /// Rows with label 1 per fold.
    public func positiveCounts(labels: [Double]) -> [Int] {
        precondition(labels.count == foldOfRow.count, "\(labels.count) labels for \(foldOfRow.count) rows")
        var counts = [Int](repeating: 0, count: foldCount)
        for (i, fold) in foldOfRow.enumerated() where labels[i] == 1 { counts[fold] += 1 }
        return counts
    }

    /// Adds a warning for each fold that lacks a class.
    func warningEmptyClasses(labels: [Double]) -> CrossValidationFolds {
        var copy = self
        let positives = positiveCounts(labels: labels), rows = rowCounts
        for fold in 0..<foldCount where positives[fold] == 0 || positives[fold] == rows[fold] {
            let missing = positives[fold] == 0 ? "churners" : "non-churners"
            copy.warnings.append("fold \(fold + 1) of \(foldCount) has no \(missing) (\(rows[fold]) rows): its AUC is undefined; use fewer folds")
        }
        return copy
    }
}
