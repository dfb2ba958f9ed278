import ChurnKit

/// Maps errors of the later pipeline stages to exit codes.
enum ErrorClassification {
    static func classify(_ error: Error) -> Int32 {
        switch error {
        case is ModelFileError, is ModelInputMismatch, is SQLExportError: return ChurnExitCode.badModel
        case is TrainingError, is EvaluationError: return ChurnExitCode.badInput
        default: return ChurnExitCode.unexpected
        }
    }
}
