/// One cell of a report.
package enum ReportValue: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case number(Double)
    /// A rate whose denominator is zero (`S = 0`, no previous revenue): empty in CSV, `null` in
    /// JSON, `n/a` in a table.
    case undefined
    /// Nothing to show, e.g. cohort periods after the end of the log: empty everywhere, `null` in JSON.
    case blank

    /// `.number` for a value, `.undefined` for nil.
    package static func rate(_ value: Double?) -> ReportValue { value.map(ReportValue.number) ?? .undefined }
}
