/// What a cohort grid shows in its cells.
public enum CohortMeasure: String, Sendable, CaseIterable, Codable {
    /// Percent of the cohort with an order in the period.
    case retention
    /// Customers of the cohort with an order in the period.
    case customers
    /// The cohort's net revenue in the period.
    case revenue
}
