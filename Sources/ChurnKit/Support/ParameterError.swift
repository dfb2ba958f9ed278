/// A parameter of a library call outside the values it can work with.
///
/// Speaks the library's words (scikit-learn's where it has them: `C`, `l1_ratio`, `tol`,
/// `max_iter`); the command line maps `parameter` to its flag. Thrown before any work starts.
public struct ParameterError: Error, CustomStringConvertible, Equatable {
    public var parameter: String
    public var value: String
    public var allowed: String

    public init(parameter: String, value: String, allowed: String) {
        self.parameter = parameter
        self.value = value
        self.allowed = allowed
    }

    public var description: String { "\(parameter) = \(value) is not allowed; allowed: \(allowed)" }
}
