import Foundation

/// The sharded consumer of a parallel read: `S` threads intern ids and feed the sink, each for
/// the customers whose id hash falls in its shard; a merge at the end puts the customers back in
/// the order of first appearance.
///
/// **Why the results are bit-identical to the one-thread read.** Shard `s` owns customer `id`
/// when `shard(hash(id)) == s`: every row of a customer goes to the same shard, and each shard
/// takes the chunks in file order and, inside a chunk, its rows in file order. So each
/// customer's state is formed by exactly the calls `consume` would receive from the one-thread
/// read, in the same order, and every per-customer floating-point sum (plain or compensated) by
/// the same additions in the same order. What is not per customer stays off the shards: bad rows,
/// the rejects file, line numbers, row counts, the date range and progress are handled by the
/// calling thread in file order, as before; a sink's own totals must add up exactly
/// (``TransactionSink/absorbTotals(of:)``: integer counts), and a sink with any other state across
/// customers has no shards (``TransactionSink/emptyShard()`` is nil) and is fed on the calling
/// thread. The merge numbers the customers as the one-thread read does: each shard records the
/// (chunk, row) position where each of its customers first appears, its customers are in that
/// order already, and an S-way merge of the positions gives the order of first appearance in the
/// file; the global ``CustomerIndex`` receives the ids in that order and the sink the
/// customers' states (``TransactionSink/appendCustomer(_:from:)``).
///
/// **Memory.** Each shard holds its own customers only, so the shards together hold what one
/// index and one sink held; during the merge a shard frees what it has handed over (the
/// accumulator returns its records' pages to the system), so the merge adds a few MiB, not a
/// second copy.
extension TransactionLogReader {
    /// The shard (of `shardCount`) that owns the id with `hash`: bits 32–47 of the hash, which
    /// neither the index's slot (the low bits) nor its fingerprint (bits 40–63, within a shard
    /// still spread) depend on alone.
    @inline(__always)
    static func shard(of hash: UInt64, among shardCount: Int) -> Int {
        Int(truncatingIfNeeded: (((hash >> 32) & 0xFFFF) &* UInt64(shardCount)) >> 16)
    }

    /// One shard's customers: its index, its sink, and where each customer first appears.
    final class Shard<Sink: TransactionSink>: @unchecked Sendable {
        let number: Int
        let customers: CustomerIndex
        var sink: Sink
        /// `chunk << 32 | row` of each customer's first row, by local index (increasing).
        var firstSeen: [UInt64] = []

        init(number: Int, sink: Sink, reservingLike global: CustomerIndex) {
            self.number = number
            self.sink = sink
            customers = CustomerIndex()
            if global.reservedCustomers > 0 {
                customers.reserve(customers: global.reservedCustomers, idBytes: global.reservedIDBytes)
                firstSeen.reserveCapacity(global.reservedCustomers)
            }
        }

        /// Feeds this shard's rows of chunk `k` to its sink, in file order, in batches whose cache
        /// misses overlap (as ``RowBatch`` does).
        func consume(_ chunk: ParsedChunk, number k: Int, shardCount: Int) {
            // One exclusive access to the sink and the positions for the whole chunk.
            Self.consume(chunk, number: k, shard: number, of: shardCount, customers: customers, sink: &sink, firstSeen: &firstSeen)
        }

        private static func consume(_ chunk: ParsedChunk, number k: Int, shard me: Int, of shardCount: Int, customers: CustomerIndex,
                                    sink: inout Sink, firstSeen: inout [UInt64]) {
            let chunkTag = UInt64(k) << 32
            var pending = [Int](repeating: 0, count: 64), indices = [Int](repeating: 0, count: 64)
            chunk.ids.withUnsafeBufferPointer { ids in
                let base = ids.baseAddress ?? UnsafePointer(bitPattern: 1)!
                chunk.rows.withUnsafeBufferPointer { rows in
                    pending.withUnsafeMutableBufferPointer { pending in
                        indices.withUnsafeMutableBufferPointer { indices in
                            var touched: UInt64 = 0
                            var n = 0
                            func flush() {
                                for j in 0..<n { touched ^= customers.touchSlot(hash: rows[pending[j]].hash) }
                                for j in 0..<n {
                                    let i = pending[j]
                                    let idStart = i == 0 ? 0 : rows[i - 1].idEnd
                                    let before = customers.count
                                    let c = customers.intern(base + idStart, count: rows[i].idEnd - idStart, hash: rows[i].hash)
                                    if c == before { firstSeen.append(chunkTag | UInt64(i)) }
                                    indices[j] = c
                                }
                                for j in 0..<n { touched ^= sink.touch(customer: indices[j]) }
                                for j in 0..<n { sink.consume(customer: indices[j], day: rows[pending[j]].day, amount: rows[pending[j]].amount) }
                                n = 0
                            }
                            for i in 0..<rows.count where TransactionLogReader.shard(of: rows[i].hash, among: shardCount) == me {
                                pending[n] = i
                                n += 1
                                if n == 64 { flush() }
                            }
                            flush()
                            customers.keepTouched(touched)
                        }
                    }
                }
            }
        }
    }

    /// A parsed chunk handed to every shard; freed when the last shard is done with it.
    final class SharedChunk: @unchecked Sendable {
        let chunk: ParsedChunk
        init(_ chunk: ParsedChunk) { self.chunk = chunk }
    }

    /// The shard threads and the hand-over of chunks to them, at most `window` chunks ahead of
    /// the slowest shard.
    final class ShardedConsumer<Sink: TransactionSink>: @unchecked Sendable {
        private(set) var shards: [Shard<Sink>]
        private let condition = NSCondition()
        private var published: [Int: SharedChunk] = [:]
        private var publishedCount = 0
        private var done: [Int]
        private var closed = false
        private var cancelled = false
        private var running: Int
        private let window: Int

        /// Starts one thread per shard; `sinks` are empty shards of the caller's sink.
        init(sinks: [Sink], reservingLike global: CustomerIndex, window: Int) {
            shards = sinks.enumerated().map { Shard(number: $0.offset, sink: $0.element, reservingLike: global) }
            done = Array(repeating: 0, count: sinks.count)
            running = sinks.count
            self.window = max(1, window)
            for shard in shards {
                Thread.detachNewThread { self.work(shard) }
            }
        }

        private func work(_ shard: Shard<Sink>) {
            var k = 0
            while true {
                condition.lock()
                while !cancelled && !closed && k >= publishedCount { condition.wait() }
                if cancelled || k >= publishedCount {
                    running -= 1
                    condition.broadcast()
                    condition.unlock()
                    return
                }
                let chunk = published[k]!
                condition.unlock()
                shard.consume(chunk.chunk, number: k, shardCount: shards.count)
                condition.lock()
                done[shard.number] = k + 1
                if done.min()! > k { published.removeValue(forKey: k) }
                condition.broadcast()
                condition.unlock()
                k += 1
            }
        }

        /// Hands chunk number `publishedCount` to every shard, once the slowest is close enough.
        func publish(_ chunk: ParsedChunk) {
            let shared = SharedChunk(chunk)
            condition.lock()
            while !cancelled && publishedCount - done.min()! >= window { condition.wait() }
            published[publishedCount] = shared
            publishedCount += 1
            condition.broadcast()
            condition.unlock()
        }

        /// Waits until every shard has consumed every chunk published (`cancel`: abandons them).
        func finish(cancel: Bool = false) {
            condition.lock()
            if cancel { cancelled = true }
            closed = true
            condition.broadcast()
            while running > 0 { condition.wait() }
            published = [:]
            condition.unlock()
        }

        /// Puts the shards' customers into `customers` (empty before) and `sink` in the order of
        /// first appearance: an S-way merge of the shards' first positions.
        func merge(into sink: inout Sink, customers: CustomerIndex) {
            for shard in shards { shard.customers.releaseLookupTable() }
            var heads = [Int](repeating: 0, count: shards.count)
            let total = shards.reduce(0) { $0 + $1.firstSeen.count }
            for _ in 0..<total {
                var best = -1, bestPosition = UInt64.max
                for s in shards.indices where heads[s] < shards[s].firstSeen.count {
                    let position = shards[s].firstSeen[heads[s]]
                    if position < bestPosition { (best, bestPosition) = (s, position) }
                }
                let shard = shards[best], local = heads[best]
                heads[best] += 1
                customers.appendUnindexed(local, of: shard.customers)
                sink.appendCustomer(local, from: &shard.sink)
            }
            for shard in shards { sink.absorbTotals(of: shard.sink) }
            // The shards' indices, positions and last record pages go now, before the feature
            // table is built (the read's peak).
            shards = []
        }
    }
}
