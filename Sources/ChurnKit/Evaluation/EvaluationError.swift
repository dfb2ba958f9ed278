/// Data that cannot be evaluated as asked.
public enum EvaluationError: Error, Equatable, CustomStringConvertible {
    /// Fewer rows than cross-validation folds.
    case tooFewRows(rows: Int, folds: Int)
    /// Fewer customers (groups) than cross-validation folds.
    case tooFewGroups(groups: Int, folds: Int)

    public var description: String {
        switch self {
        case let .tooFewRows(rows, folds):
            "cannot split \(rows) rows into \(folds) cross-validation folds; use at most \(rows) folds"
        case let .tooFewGroups(groups, folds):
            "cannot split \(groups) customers into \(folds) cross-validation folds (all rows of a customer stay in one fold); use at most \(groups) folds"
        }
    }
}
