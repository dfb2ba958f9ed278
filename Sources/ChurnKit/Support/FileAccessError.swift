/// Errors opening or reading a file, with the path and the system's reason.
public enum FileAccessError: Error, CustomStringConvertible, Equatable {
    /// The file cannot be opened; `reason` is the system's.
    case cannotOpen(path: String, reason: String)
    /// Reading failed part way; `reason` is the system's.
    case cannotRead(path: String, reason: String)
    /// Writing failed (full disk, permissions, …); `reason` is the system's.
    case cannotWrite(path: String, reason: String)
    /// The reader of a pipe went away (`churn score … | head`): not a failure, the run ends quietly.
    case closedPipe(path: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): return "cannot open '\(path)': \(reason)"
        case let .cannotRead(path, reason): return "cannot read '\(path)': \(reason)"
        case let .cannotWrite(path, reason): return "cannot write '\(path)': \(reason)"
        case let .closedPipe(path): return "'\(path)': the reading end of the pipe was closed"
        }
    }
}
