/// The split of a transaction log at a cut-off date.
///
/// Transactions on or before `cutoff` form the calibration window, from which features are
/// computed. With a horizon, the `horizonDays` days after the cut-off, `(cutoff, holdoutEnd]`, form
/// the holdout window, which only decides the label: a customer who buys nothing in it churned.
/// Without a horizon there is no label (scoring: features as of the cut-off).
public struct ObservationWindow: Sendable, Equatable, Codable {
    /// The last day of the calibration window, inclusive: features see nothing after it.
    public var cutoff: CalendarDay
    /// Length of the holdout window in days; nil when there is no label to compute.
    public var horizonDays: Int?

    /// A window; a horizon must be positive (a programming error otherwise).
    public init(cutoff: CalendarDay, horizonDays: Int? = nil) {
        precondition(horizonDays.map { $0 > 0 } ?? true, "horizon must be positive, got \(horizonDays ?? 0)")
        self.cutoff = cutoff
        self.horizonDays = horizonDays
    }

    /// The last day of the holdout window, inclusive.
    public var holdoutEnd: CalendarDay? { horizonDays.map { cutoff.adding(days: $0) } }
}

extension CalendarDay: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = CalendarDay(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a date (YYYY-MM-DD)")
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
