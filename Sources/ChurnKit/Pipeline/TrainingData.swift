import Foundation

/// Feature rows ready for training, with what the model must remember about how they were made.
public struct TrainingData: Sendable {
    /// One row per customer (per cut-off), labelled.
    public var table: FeatureTable
    /// Transactions or a labelled table: what the model will read.
    public var inputKind: FeatureSpec.InputKind
    /// How transaction features were made (columns, cut-offs, horizon, reference gap); nil for tables.
    public var transactions: TransactionFeatureSpec?
    /// The table encoding fitted on the data; nil for transactions.
    public var encoding: TableEncoding?
    /// The customer of each row, for splits that keep a customer's snapshots together.
    public var groups: [String]
    /// The cut-off index of each row into ``cutoffs`` (0 for tables), for out-of-time splits.
    public var snapshot: [Int]
    /// The schedule's cut-offs, in its order (empty for tables).
    public var cutoffs: [CalendarDay] = []
    /// SHA-256 of the data read (a file's bytes, or in-memory data written as text).
    public var sha256: String
    /// The table as read, for refitting fills inside cross-validation folds (table sources).
    public var raw: RawTable?

    /// Warnings about the table's input columns (``TableEncoding/inputWarnings(in:)``); empty for logs.
    public var inputWarnings: [String] {
        guard let raw, let encoding else { return [] }
        return encoding.inputWarnings(in: raw)
    }

    /// The cut-off of each row; nil for tables.
    public var rowCutoffs: [CalendarDay]? { cutoffs.isEmpty ? nil : snapshot.map { cutoffs[$0] } }
}
