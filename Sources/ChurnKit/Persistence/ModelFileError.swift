/// Why a model file cannot be used, with the file it is about.
public enum ModelFileError: Error, CustomStringConvertible, Equatable {
    case unsupportedVersion(file: String, found: Int, supported: Int)
    case wrongModelType(file: String, found: String, expected: String)
    case invalid(file: String, reason: String)
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
