import ChurnKit

/// Maps errors of the later pipeline stages to exit codes.
enum ErrorClassification {
    static func classify(_ error: Error) -> Int32 {
        switch error {
        case is ModelFileError, is ModelInputMismatch: return ChurnExitCode.badModel
        default: return ChurnExitCode.unexpected
        }
    }
}
