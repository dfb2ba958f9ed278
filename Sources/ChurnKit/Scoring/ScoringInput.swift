import Foundation

/// The features a model scores, rebuilt from a scoring input, with what valuing them needs.
public struct ScoringInput: Sendable {
    /// One row per customer: the transaction features as of `asOf`, or the encoded table.
    public var table: FeatureTable
    /// Expected spend over `valueHorizonDays` per row (``ValueAtRisk``); nil when there is no value.
    public var expectedSpend: [Double]?
    /// The horizon of `expectedSpend`, in days; nil when there is no value.
    public var valueHorizonDays: Double?
    /// Transaction logs: the date the features are as of.
    public var asOf: CalendarDay?
    /// Transaction logs: rows read and skipped, dates, time.
    public var ingestion: IngestionSummary?
    /// Things a person should know that do not stop scoring (unseen categories).
    public var warnings: [String]
}
