/// Seeded stratified k-fold cross-validation: every fold keeps the churn rate of the whole set.
///
/// ``folds(labels:)`` follows scikit-learn's `StratifiedKFold(shuffle=True)`: the rows of each
/// class are dealt round-robin over the folds (labels sorted, position `j` to fold `j mod k`), so
/// fold sizes and per-fold churner counts each differ by at most one; then, per class, the fold
/// numbers are shuffled and handed to that class's rows in row order.
///
/// ``folds(labels:groups:)`` follows `StratifiedGroupKFold(shuffle=True)`, for data with several
/// rows per customer (rolling snapshots), where a customer split across folds would leak: all
/// rows of a group stay in one fold, and groups are placed greedily — those with the most
/// lopsided label counts first, ties in shuffled order — each into the fold that keeps the
/// folds' class shares most even: the fold minimizing the mean over classes of
/// std over folds of (class rows in fold / class rows overall), near-ties (numpy's `isclose`)
/// going to the fold with fewer rows. Stratification is then approximate.
///
/// Shuffles use `SeededGenerator` and a hand-written Fisher–Yates, so a seed gives the same
/// folds on every platform and Swift version (not the same folds as scikit-learn, whose random
/// generator differs).
public struct StratifiedKFold: Sendable {
    /// k ≥ 2.
    public var foldCount: Int
    /// Seed of the shuffle within each class, so folds are the same on every platform.
    public var seed: UInt64

    /// A splitter into `foldCount` folds (at least 2).
    public init(foldCount: Int = 5, seed: UInt64 = 0) {
        precondition(foldCount >= 2, "cross-validation needs at least 2 folds, got \(foldCount)")
        self.foldCount = foldCount
        self.seed = seed
    }

    /// Assigns each row a fold. `labels`: 0/1 per row. Throws when there are fewer rows than folds.
    public func folds(labels: [Double]) throws -> CrossValidationFolds {
        checkLabels(labels)
        guard labels.count >= foldCount else { throw EvaluationError.tooFewRows(rows: labels.count, folds: foldCount) }
        var generator = SeededGenerator(seed: seed)
        var foldOfRow = [Int](repeating: 0, count: labels.count)
        // Sorted labels are n₀ zeros then n₁ ones; position j goes to fold j mod k.
        let negatives = labels.count(where: { $0 == 0 })
        for (label, positions) in [(0.0, 0..<negatives), (1.0, negatives..<labels.count)] {
            var allocation = [Int](repeating: 0, count: foldCount)
            for j in positions { allocation[j % foldCount] += 1 }
            var foldsForClass: [Int] = []
            foldsForClass.reserveCapacity(positions.count)
            for fold in 0..<foldCount { foldsForClass += repeatElement(fold, count: allocation[fold]) }
            generator.shuffle(&foldsForClass)
            var next = 0
            for i in labels.indices where labels[i] == label {
                foldOfRow[i] = foldsForClass[next]
                next += 1
            }
        }
        return CrossValidationFolds(foldCount: foldCount, foldOfRow: foldOfRow).warningEmptyClasses(labels: labels)
    }

    /// Assigns each row a fold, keeping all rows of a group (a customer id) together.
    /// `labels`: 0/1 per row; `groups`: the group of each row. Throws when there are fewer groups
    /// than folds.
    public func folds<Group: Hashable>(labels: [Double], groups: [Group]) throws -> CrossValidationFolds {
        checkLabels(labels)
        precondition(groups.count == labels.count, "\(groups.count) groups for \(labels.count) labels")
        // Groups numbered by first appearance, with their rows per class.
        var groupNumber: [Group: Int] = [:]
        var groupOfRow = [Int](repeating: 0, count: labels.count)
        var classCounts: [(negatives: Double, positives: Double)] = []
        for (i, key) in groups.enumerated() {
            let g = groupNumber[key] ?? {
                groupNumber[key] = classCounts.count
                classCounts.append((0, 0))
                return classCounts.count - 1
            }()
            groupOfRow[i] = g
            if labels[i] == 1 { classCounts[g].positives += 1 } else { classCounts[g].negatives += 1 }
        }
        guard classCounts.count >= foldCount else { throw EvaluationError.tooFewGroups(groups: classCounts.count, folds: foldCount) }

        var generator = SeededGenerator(seed: seed)
        var order = Array(classCounts.indices)
        generator.shuffle(&order)
        // Stable sort by the spread of the group's class counts, largest first
        // (std of (n₀, n₁) is |n₀ − n₁| / 2).
        let spread = { (g: Int) in abs(classCounts[g].negatives - classCounts[g].positives) }
        order = order.enumerated().sorted { a, b in
            spread(a.element) > spread(b.element) || (spread(a.element) == spread(b.element) && a.offset < b.offset)
        }.map(\.element)

        let totalNegatives = classCounts.reduce(0) { $0 + $1.negatives }
        let totalPositives = classCounts.reduce(0) { $0 + $1.positives }
        var foldNegatives = [Double](repeating: 0, count: foldCount)
        var foldPositives = [Double](repeating: 0, count: foldCount)
        var foldOfGroup = [Int](repeating: 0, count: classCounts.count)
        for g in order {
            let best = bestFold(adding: classCounts[g], negatives: foldNegatives, positives: foldPositives,
                                totalNegatives: totalNegatives, totalPositives: totalPositives)
            foldNegatives[best] += classCounts[g].negatives
            foldPositives[best] += classCounts[g].positives
            foldOfGroup[g] = best
        }
        return CrossValidationFolds(foldCount: foldCount, foldOfRow: groupOfRow.map { foldOfGroup[$0] }).warningEmptyClasses(labels: labels)
    }

    /// scikit-learn's `StratifiedGroupKFold._find_best_fold` for two classes.
    private func bestFold(adding group: (negatives: Double, positives: Double), negatives: [Double], positives: [Double],
                          totalNegatives: Double, totalPositives: Double) -> Int {
        let k = Double(foldCount)
        // Per present class: the shares x_f = class rows in fold f / class rows, their sum and sum of squares.
        var classes: [(shares: [Double], added: Double, sum: Double, squares: Double)] = []
        for (counts, total, added) in [(negatives, totalNegatives, group.negatives), (positives, totalPositives, group.positives)] where total > 0 {
            let shares = counts.map { $0 / total }
            classes.append((shares, added / total, shares.reduce(0, +), shares.reduce(0) { $0 + $1 * $1 }))
        }
        var best = 0, minEvaluation = Double.infinity, minRows = Double.infinity
        for fold in 0..<foldCount {
            var evaluation = 0.0
            for c in classes {
                let old = c.shares[fold], new = old + c.added
                let sum = c.sum + c.added, squares = c.squares - old * old + new * new
                evaluation += (max(0, squares / k - (sum / k) * (sum / k))).squareRoot()
            }
            evaluation /= Double(classes.count)
            let rows = negatives[fold] + positives[fold]
            let nearTie = minEvaluation.isFinite && abs(evaluation - minEvaluation) <= 1e-8 + 1e-5 * abs(minEvaluation)
            if evaluation < minEvaluation || (nearTie && rows < minRows) {
                best = fold
                minEvaluation = evaluation
                minRows = rows
            }
        }
        return best
    }

    private func checkLabels(_ labels: [Double]) {
        for (i, y) in labels.enumerated() { precondition(y == 0 || y == 1, "labels must be 0 or 1, row \(i) has \(y)") }
    }
}
