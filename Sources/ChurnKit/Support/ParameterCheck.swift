/// The range checks every numeric parameter goes through: one place, one message shape.
package enum ParameterCheck {
    /// A finite number in `range` (bounds included unless `open`).
    package static func number(_ value: Double, _ parameter: String, in range: ClosedRange<Double>,
                              openLower: Bool = false, allowed: String? = nil) throws {
        let inRange = value.isFinite && (openLower ? value > range.lowerBound : value >= range.lowerBound) && value <= range.upperBound
        guard inRange else {
            let lower = openLower ? "> \(format(range.lowerBound))" : "≥ \(format(range.lowerBound))"
            let upper = range.upperBound == .greatestFiniteMagnitude ? "" : " and ≤ \(format(range.upperBound))"
            throw ParameterError(parameter: parameter, value: format(value), allowed: allowed ?? "a finite number \(lower)\(upper)")
        }
    }

    /// A whole number in `range`.
    package static func integer(_ value: Int, _ parameter: String, in range: ClosedRange<Int>) throws {
        guard range.contains(value) else {
            throw ParameterError(parameter: parameter, value: "\(value)", allowed: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
    }

    /// A list that must not be empty.
    package static func nonEmpty<T>(_ values: [T], _ parameter: String) throws {
        guard !values.isEmpty else { throw ParameterError(parameter: parameter, value: "an empty list", allowed: "at least one value") }
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// The longest holdout or horizon in days: more than the span of the supported dates
    /// (0001-01-01 … 9999-12-31, 3,652,059 days), small enough that day arithmetic never overflows.
    package static let maximumDays = 3_652_059
}
