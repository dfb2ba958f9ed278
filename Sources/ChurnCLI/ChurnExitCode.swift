import ArgumentParser
import ChurnKit

/// Exit codes, documented in `churn --help`.
enum ChurnExitCode {
    static let unexpected: Int32 = 1
    static let usage: Int32 = 2
    static let badInput: Int32 = 3
    static let badModel: Int32 = 4
    static let fileAccess: Int32 = 5

    static func code(for error: Error) -> Int32 {
        switch error {
        case is IngestionError, is FeatureError, is NonFiniteValueError: return badInput
        case is FileAccessError: return fileAccess
        case is OutputConflictError, is ParameterError: return usage
        default: return classify(error)
        }
    }

    /// Errors from later stages register here (see `ErrorClassification`).
    static var classify: (Error) -> Int32 { ErrorClassification.classify }
}
