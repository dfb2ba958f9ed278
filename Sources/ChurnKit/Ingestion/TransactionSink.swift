import Foundation

/// Receives the rows of a transaction log, one call per row, in file order.
///
/// `customer` is a dense index from the reader's ``CustomerIndex``; `day` is days since
/// 1970-01-01. A sink keeps per-customer state in arrays indexed by `customer`, so memory follows
/// the number of customers, not rows.
protocol TransactionSink {
    /// One row, in file order: the customer's dense index, the day, the amount (0 in a log
    /// without amounts).
    mutating func consume(customer: Int, day: Int32, amount: Double)
    /// Loads the state `consume` will update for `customer` (when it exists) and returns any bits
    /// of it. The reader calls this for a batch of rows before consuming them, so that their
    /// cache misses overlap; sinks whose state fits in cache keep the default, which does nothing.
    func touch(customer: Int) -> UInt64
}
