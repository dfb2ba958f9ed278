import Foundation

/// Receives the rows of a transaction log, one call per row, in file order.
///
/// `customer` is a dense index from the reader's ``CustomerIndex``; `day` is days since
/// 1970-01-01. A sink keeps per-customer state in arrays indexed by `customer`, so memory follows
/// the number of customers, not rows.
///
/// **Sharded reads.** A sink whose state is per customer, apart from totals that add up exactly
/// (integer counts), can be filled by several threads, each owning the customers whose id hash
/// falls in its shard (see `TransactionLogReader.readInParallel`). Each shard sees its customers'
/// rows in file order, so each customer's state is formed by the same operations in the same
/// order as in a one-thread read. Such a sink returns a shard from ``emptyShard()`` and
/// implements the merge (``appendCustomer(_:from:)``, ``absorbTotals(of:)``); the default, nil,
/// keeps the sink on one thread, in file order.
protocol TransactionSink: SendableMetatype {
    /// One row, in file order: the customer's dense index, the day, the amount (0 in a log
    /// without amounts).
    mutating func consume(customer: Int, day: Int32, amount: Double)
    /// Loads the state `consume` will update for `customer` (when it exists) and returns any bits
    /// of it. The reader calls this for a batch of rows before consuming them, so that their
    /// cache misses overlap; sinks whose state fits in cache keep the default, which does nothing.
    func touch(customer: Int) -> UInt64
    /// An empty sink configured like this one (which has no customer yet) for one shard's
    /// customers, or nil when this sink keeps state across customers whose result depends on the
    /// order of all rows (the default).
    func emptyShard() -> Self?
    /// Appends customer `local` of `shard` as this sink's next customer. The merge calls it once
    /// per customer, in the order of first appearance in the file, and for each shard in
    /// increasing `local`: a shard may free the state of customers already appended.
    mutating func appendCustomer(_ local: Int, from shard: inout Self)
    /// Adds the state of `shard` that is not per customer (counts) to this sink's, after every
    /// customer was appended.
    mutating func absorbTotals(of shard: Self)
}

extension TransactionSink {
    func touch(customer: Int) -> UInt64 { 0 }
    func emptyShard() -> Self? { nil }
    mutating func appendCustomer(_ local: Int, from shard: inout Self) {
        preconditionFailure("\(Self.self) has no shards (emptyShard() is nil), so none can be merged")
    }
    mutating func absorbTotals(of shard: Self) {}
}
