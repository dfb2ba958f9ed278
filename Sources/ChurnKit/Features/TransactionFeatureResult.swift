import Foundation

/// What ``TransactionFeatureBuilder`` produced, with the facts a summary or a model needs.
public struct TransactionFeatureResult: Sendable {
    /// One row per customer with a purchase on or before the cut-off, labelled when the horizon fits in the log.
    public var table: FeatureTable
    /// The cut-off and horizon the rows were computed for.
    public var window: ObservationWindow
    /// What the read saw: rows, bad rows, dates, the input's SHA-256.
    public var ingestion: IngestionSummary
    /// The gap used for one-time buyers' `overdue_ratio` (see ``TransactionFeature/overdueRatio``).
    public var referenceGapDays: Double
    /// Customers with a single purchase day before the cut-off (no gap of their own).
    public var oneTimeBuyers: Int
    /// 1 normally; 2 when some customer's rows were out of date order and needed a recount.
    public var passes: Int

    /// Share of rows labelled churned; nil without labels.
    public var churnRate: Double? {
        guard let labels = table.labels, !labels.isEmpty else { return nil }
        return labels.reduce(0, +) / Double(labels.count)
    }
}
