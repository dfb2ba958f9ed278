/// A parameter of a library call outside the values it can work with.
///
/// Speaks the library's words (scikit-learn's where it has them: `C`, `l1_ratio`, `tol`,
/// `max_iter`); the command line maps `parameter` to its flag. Thrown before any work starts.
public struct ParameterError: Error, CustomStringConvertible, Equatable {
    /// The library's name for the parameter (`C`, `max_iter`, …).
    public var parameter: String
    /// The value given, as text.
    public var value: String
    /// What would have been accepted, in words.
    public var allowed: String

    /// An error for `parameter` set to `value`.
    public init(parameter: String, value: String, allowed: String) {
        self.parameter = parameter
        self.value = value
        self.allowed = allowed
    }

    public var description: String { "\(parameter) = \(value) is not allowed; allowed: \(allowed)" }
}
