#if canImport(Glibc)
import Glibc
#endif

/// Running per-customer totals for one observation window, filled row by row.
///
/// Everything is O(1) per row and per customer except the count of *distinct* purchase days,
/// which needs the days themselves when a customer's rows arrive out of date order. The common
/// layouts (sorted by date, or by customer then date, interleaved in any way) never need them; a
/// customer whose dates go backwards is flagged and recounted in a second pass that keeps only the
/// flagged customers' days (see ``TransactionFeatureBuilder``).
///
/// Layout, for speed and memory: one record of `stride` doubles per customer, in one array. In a
/// log sorted by date consecutive rows belong to unrelated customers, so every row is a cache miss
/// into the per-customer state; with one record per customer that is one or two lines instead of
/// one per field (fifteen parallel arrays before). The record is as wide as a feature row, so the
/// builder turns the records into the feature table in place (``takeRecords()``) instead of
/// holding both. Day numbers and counts are stored as doubles, which hold them exactly.
struct CustomerActivityAccumulator: TransactionSink {
    let cutoff: Int32
    let holdoutEnd: Int32
    private let start30: Int32, start90: Int32, start180: Int32

    /// Offsets of the fields inside a record; the fields a calibration row touches come first.
    ///
    /// Spend is kept as the first purchase day's spend and the repeat days' spend, each a
    /// compensated (Neumaier) sum with its error term: `monetary_value` is the repeat days' mean,
    /// and computing it as total minus first day would cancel catastrophically (amounts 1e17, 3, 4
    /// on three days gave 0 instead of 3.5). `flags` holds 1 = bought in the holdout,
    /// 2 = rows out of date order.
    enum Field {
        static let lastDay = 0, transactionCount = 1, repeatSpend = 2, spend30 = 3, spend90 = 4, spend180 = 5
        static let spendPrevious90 = 6, firstDay = 7, firstDaySpend = 8, purchaseDays = 9
        static let purchaseDays30 = 10, purchaseDays90 = 11, purchaseDays180 = 12
        static let flags = 13, repeatSpendError = 14, firstDaySpendError = 15
        static let count = 16
    }

    static let boughtInHoldoutFlag = 1, outOfOrderFlag = 2

    @inline(__always) static func flags(_ r: UnsafePointer<Double>) -> Int { Int(r[Field.flags]) }

    /// Doubles per customer: the width of a feature row, so that records become rows in place.
    /// A literal (checked in `init`): a computed static would cost a `swift_once` per row.
    static let stride = 16

    private(set) var records: [Double] = []
    private(set) var outOfOrderCount = 0
    /// Bytes of `records` whose pages were returned to the system during a merge (a shard only).
    private var handedOver = 0

    static let noPurchase = Double(Int32.max)
    static let noDay = Double(Int32.min)

    init(window: ObservationWindow) {
        precondition(Self.stride == TransactionFeature.allCases.count && Self.stride >= Field.count,
                     "a record of \(Self.stride) doubles must hold \(Field.count) fields and be a row of \(TransactionFeature.allCases.count) features")
        cutoff = window.cutoff.daysSinceEpoch
        holdoutEnd = window.holdoutEnd?.daysSinceEpoch ?? cutoff
        // Windows are (cutoff − k, cutoff]: the last k days including the cut-off day.
        start30 = cutoff - 29
        start90 = cutoff - 89
        start180 = cutoff - 179
    }

    var customerCount: Int { records.count / Self.stride }

    /// Reserves room for every customer a file of `fileBytes` could hold (a row takes at least 12
    /// bytes), up to an eighth of the machine's memory. This is address space, not memory: a page
    /// is only taken when a record is first written. Without it the records grow by doubling, and
    /// each doubling holds the old and the new copy at once: that copy, at 1M customers, was the
    /// peak of `churn features` (238 MiB against 212 MiB before and after it).
    /// Returns the number of customers reserved for.
    @discardableResult
    mutating func reserve(forFileBytes fileBytes: Int, physicalMemory: UInt64) -> Int {
        let bytesPerCustomer = Self.stride * MemoryLayout<Double>.stride
        let affordable = Int(min(physicalMemory / 8, UInt64(Int.max))) / bytesPerCustomer
        let customers = min(fileBytes / 12 + 1, affordable)
        records.reserveCapacity(customers * Self.stride)
        return customers
    }

    /// The record of customer `c`, decoded (for the builder and the tests).
    func activity(_ c: Int) -> CustomerActivity {
        records.withUnsafeBufferPointer { CustomerActivity($0.baseAddress! + c * Self.stride) }
    }

    /// Customers flagged out of order, indexed by customer (only built when some are).
    var outOfOrderFlags: [Bool] {
        (0..<customerCount).map { Int(records[$0 * Self.stride + Field.flags]) & Self.outOfOrderFlag != 0 }
    }

    private mutating func grow(to count: Int) {
        var blank = [Double](repeating: 0, count: Self.stride)
        blank[Field.firstDay] = Self.noPurchase
        blank[Field.lastDay] = Self.noDay
        while customerCount < count { records.append(contentsOf: blank) }
    }

    /// Loads the three cache lines a record can span (16 doubles at any 8-byte alignment: fields
    /// 0, 8 and 15 cover them), so that a batch of rows waits for its misses together.
    @inline(__always)
    func touch(customer c: Int) -> UInt64 {
        guard c < customerCount else { return 0 }
        return records.withUnsafeBufferPointer { buffer in
            let r = buffer.baseAddress! + c * Self.stride
            return r[0].bitPattern ^ r[8].bitPattern ^ r[Self.stride - 1].bitPattern
        }
    }

    @inline(__always)
    mutating func consume(customer c: Int, day: Int32, amount: Double) {
        if c >= customerCount { grow(to: c + 1) }
        let (cutoff, holdoutEnd, start30, start90, start180) = (self.cutoff, self.holdoutEnd, self.start30, self.start90, self.start180)
        // One uniqueness check per row, then plain loads and stores into the record.
        let newlyOutOfOrder = records.withUnsafeMutableBufferPointer { buffer -> Bool in
            let r = buffer.baseAddress! + c * Self.stride
            if day > cutoff {
                if day <= holdoutEnd { r[Field.flags] = Double(Self.flags(UnsafePointer(r)) | Self.boughtInHoldoutFlag) }
                return false
            }
            let d = Double(day)
            r[Field.transactionCount] += 1
            if day >= start30 { r[Field.spend30] += amount }
            if day >= start90 { r[Field.spend90] += amount } else if day >= start180 { r[Field.spendPrevious90] += amount }
            if day >= start180 { r[Field.spend180] += amount }

            var flagged = false
            if d > r[Field.lastDay] {
                // A new purchase day, later than any seen for this customer.
                if r[Field.lastDay] == Self.noDay { r[Field.firstDay] = d }
                r[Field.lastDay] = d
                r[Field.purchaseDays] += 1
                if day >= start30 { r[Field.purchaseDays30] += 1 }
                if day >= start90 { r[Field.purchaseDays90] += 1 }
                if day >= start180 { r[Field.purchaseDays180] += 1 }
            } else if d < r[Field.lastDay] && Self.flags(UnsafePointer(r)) & Self.outOfOrderFlag == 0 {
                r[Field.flags] = Double(Self.flags(UnsafePointer(r)) | Self.outOfOrderFlag)
                flagged = true
            }
            if d > r[Field.firstDay] {
                Self.add(amount, to: r + Field.repeatSpend, error: r + Field.repeatSpendError)
            } else if d == r[Field.firstDay] {
                Self.add(amount, to: r + Field.firstDaySpend, error: r + Field.firstDaySpendError)
            } else {
                // An earlier day (rows out of order): the old first day becomes a repeat day.
                if r[Field.firstDay] != Self.noPurchase {
                    Self.add(r[Field.firstDaySpend], to: r + Field.repeatSpend, error: r + Field.repeatSpendError)
                    Self.add(r[Field.firstDaySpendError], to: r + Field.repeatSpend, error: r + Field.repeatSpendError)
                }
                r[Field.firstDay] = d
                r[Field.firstDaySpend] = amount
                r[Field.firstDaySpendError] = 0
            }
            return flagged
        }
        if newlyOutOfOrder { outOfOrderCount += 1 }
    }

    /// An empty accumulator for one shard of a sharded read, reserving what this one reserved
    /// (address space: pages are taken when written). Everything here is per customer except
    /// `outOfOrderCount`, an integer count, so the shards' results merge exactly.
    func emptyShard() -> CustomerActivityAccumulator? {
        guard customerCount == 0 else { return nil }
        var shard = self
        shard.records = []
        shard.records.reserveCapacity(records.capacity)
        shard.outOfOrderCount = 0
        shard.handedOver = 0
        return shard
    }

    /// Copies the shard's record `local` as the next customer's, then returns to the system the
    /// shard's whole pages below it (the merge takes each shard's records in order), so that the
    /// shards and the merged records are not all resident at once (at 1M customers, 122 MiB).
    mutating func appendCustomer(_ local: Int, from shard: inout CustomerActivityAccumulator) {
        if local >= shard.customerCount { shard.grow(to: local + 1) }
        let width = Self.stride
        shard.records.withUnsafeMutableBufferPointer { source in
            let base = source.baseAddress!
            records.append(contentsOf: UnsafeBufferPointer(start: base + local * width, count: width))
            let end = (local + 1) * width * MemoryLayout<Double>.stride
            guard end - shard.handedOver >= Self.releaseStep else { return }
            #if canImport(Glibc)
            let page = Int(getpagesize())
            let address = Int(bitPattern: UnsafeMutableRawPointer(base))
            let from = (address + shard.handedOver + page - 1) / page * page, to = (address + end) / page * page
            guard to > from else { return }
            _ = madvise(UnsafeMutableRawPointer(bitPattern: from), to - from, MADV_DONTNEED)
            shard.handedOver = to - address
            #else
            shard.handedOver = end
            #endif
        }
    }

    /// Bytes of a shard's records between releases of their pages during a merge.
    private static let releaseStep = 1 << 20

    /// Adds a merged shard's count of customers out of date order.
    mutating func absorbTotals(of shard: CustomerActivityAccumulator) {
        outOfOrderCount += shard.outOfOrderCount
    }

    /// Neumaier's compensated addition: `sum + error` carries the exact running total to within
    /// one rounding, whatever the order and magnitudes of the terms.
    @inline(__always)
    static func add(_ x: Double, to sum: UnsafeMutablePointer<Double>, error: UnsafeMutablePointer<Double>) {
        let s = sum.pointee
        let t = s + x
        if abs(s) >= abs(x) { error.pointee += (s - t) + x } else { error.pointee += (x - t) + s }
        sum.pointee = t
    }

    /// Replaces the distinct-day counts of out-of-order customers with exact ones.
    mutating func recount(customer c: Int, sortedUniqueDays days: [Int32]) {
        let r = c * Self.stride
        records[r + Field.purchaseDays] = Double(days.count)
        records[r + Field.purchaseDays30] = Double(days.filter { $0 >= start30 }.count)
        records[r + Field.purchaseDays90] = Double(days.filter { $0 >= start90 }.count)
        records[r + Field.purchaseDays180] = Double(days.filter { $0 >= start180 }.count)
    }

    /// Hands the records over (customer `c` at `c * stride`), leaving the accumulator empty, so
    /// the caller can overwrite them with feature rows without a second copy in memory.
    mutating func takeRecords() -> [Double] {
        defer { records = [] }
        return records
    }
}
