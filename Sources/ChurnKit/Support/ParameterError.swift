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

/// The range checks every numeric parameter goes through: one place, one message shape.
public enum ParameterCheck {
    /// A finite number in `range` (bounds included unless `open`).
    public static func number(_ value: Double, _ parameter: String, in range: ClosedRange<Double>,
                              openLower: Bool = false, allowed: String? = nil) throws {
        let inRange = value.isFinite && (openLower ? value > range.lowerBound : value >= range.lowerBound) && value <= range.upperBound
        guard inRange else {
            let lower = openLower ? "> \(format(range.lowerBound))" : "≥ \(format(range.lowerBound))"
            let upper = range.upperBound == .greatestFiniteMagnitude ? "" : " and ≤ \(format(range.upperBound))"
            throw ParameterError(parameter: parameter, value: format(value), allowed: allowed ?? "a finite number \(lower)\(upper)")
        }
    }

    /// A whole number in `range`.
    public static func integer(_ value: Int, _ parameter: String, in range: ClosedRange<Int>) throws {
        guard range.contains(value) else {
            throw ParameterError(parameter: parameter, value: "\(value)", allowed: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
    }

    /// A list that must not be empty.
    public static func nonEmpty<T>(_ values: [T], _ parameter: String) throws {
        guard !values.isEmpty else { throw ParameterError(parameter: parameter, value: "an empty list", allowed: "at least one value") }
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// The longest holdout or horizon in days: more than the span of the supported dates
    /// (0001-01-01 … 9999-12-31, 3,652,059 days), small enough that day arithmetic never overflows.
    public static let maximumDays = 3_652_059
}
