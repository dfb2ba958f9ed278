/// Errors opening or reading a file, with the path and the system's reason.
public enum FileAccessError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case cannotRead(path: String, reason: String)
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
