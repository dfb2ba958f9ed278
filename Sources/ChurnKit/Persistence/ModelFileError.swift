/// Why a model file cannot be used, with the file it is about.
public enum ModelFileError: Error, CustomStringConvertible, Equatable {
    /// A format version this library does not read.
    case unsupportedVersion(file: String, found: Int, supported: Int)
    /// A model of another kind than the caller needs.
    case wrongModelType(file: String, found: String, expected: String)
    /// A file that parses but breaks the format (a missing field, a shape mismatch); `reason` says where.
    case invalid(file: String, reason: String)
    /// A file that cannot be read or is not JSON.
    case unreadable(file: String, reason: String)

    public var description: String {
        switch self {
        case let .unsupportedVersion(file, found, supported):
            return "\(file): model format_version \(found) is not supported (this ChurnKit reads versions 1 to \(supported)); retrain the model with this version"
        case let .wrongModelType(file, found, expected):
            return "\(file): model_type '\(found)' is not a model this ChurnKit can use (expected '\(expected)')"
        case let .invalid(file, reason):
            return "\(file): not a valid model file: \(reason)"
        case let .unreadable(file, reason):
            return "\(file): cannot read the model: \(reason)"
        }
    }
}
