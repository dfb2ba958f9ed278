/// Per customer and per period totals of a transaction log, filled row by row in one pass.
///
/// Rows may come in any order. State is kept only for the (customer, period) pairs that have a
/// row, so memory is at most customers × periods (and usually far less): for each pair, the orders,
/// the net revenue and the last order day in that period; for each customer, the first order day
/// and the order count.
///
/// An *order* is a row with amount ≥ 0 (a free item, amount 0, is still an order). A row with a
/// negative amount is a *refund*: it lowers revenue in the period of its date but is not an order,
/// makes nobody active and acquires nobody.
struct PeriodMetricsAccumulator: TransactionSink {
    let period: RetentionPeriod

    static let none = Int32.max

    // Per customer.
    private(set) var firstOrderDay: [Int32] = []
    private(set) var orderCount: [Int32] = []
    private var lastEntry: [Int32] = []

    // Per (customer, period) entry.
    private(set) var entryCustomer: [Int32] = []
    private(set) var entryPeriod: [Int32] = []
    private(set) var entryOrders: [Int32] = []
    private(set) var entryRevenue: [Double] = []
    /// The last order day in the period; `Int32.min` when the entry holds refunds only.
    private(set) var entryLastOrderDay: [Int32] = []
    private var entryIndex: [Int64: Int32] = [:]

    /// The first and last day of any row (orders and refunds).
    private(set) var firstDay = Int32.max
    private(set) var lastDay = Int32.min

    // One-period cache: consecutive rows usually fall in the same period.
    private var cachedStart = Int32.max, cachedEnd = Int32.min, cachedNumber: Int32 = 0

    init(period: RetentionPeriod) { self.period = period }

    var customerCount: Int { firstOrderDay.count }
    var entryCount: Int { entryCustomer.count }

    @inline(__always)
    private mutating func periodNumber(_ day: Int32) -> Int32 {
        if day < cachedStart || day > cachedEnd {
            let number = period.number(of: CalendarDay(daysSinceEpoch: day))
            cachedNumber = Int32(number)
            cachedStart = period.start(of: number).daysSinceEpoch
            cachedEnd = period.end(of: number).daysSinceEpoch
        }
        return cachedNumber
    }

    mutating func consume(customer c: Int, day: Int32, amount: Double) {
        while firstOrderDay.count <= c {
            firstOrderDay.append(Self.none); orderCount.append(0); lastEntry.append(-1)
        }
        if day < firstDay { firstDay = day }
        if day > lastDay { lastDay = day }
        let number = periodNumber(day)
        var entry = Int(lastEntry[c])
        if entry < 0 || entryPeriod[entry] != number {
            let key = Int64(c) << 32 | Int64(UInt32(bitPattern: number))
            if let found = entryIndex[key] {
                entry = Int(found)
            } else {
                entry = entryCustomer.count
                entryIndex[key] = Int32(entry)
                entryCustomer.append(Int32(c)); entryPeriod.append(number)
                entryOrders.append(0); entryRevenue.append(0); entryLastOrderDay.append(Int32.min)
            }
            lastEntry[c] = Int32(entry)
        }
        entryRevenue[entry] += amount
        guard amount >= 0 else { return }
        entryOrders[entry] += 1
        orderCount[c] += 1
        if day > entryLastOrderDay[entry] { entryLastOrderDay[entry] = day }
        if day < firstOrderDay[c] { firstOrderDay[c] = day }
    }

    /// Entry indices grouped by customer, each customer's entries in period order.
    func entriesByCustomer() -> [Int] {
        (0..<entryCount).sorted {
            entryCustomer[$0] != entryCustomer[$1] ? entryCustomer[$0] < entryCustomer[$1] : entryPeriod[$0] < entryPeriod[$1]
        }
    }
}

extension PeriodMetricsAccumulator {
    /// Reads all of a source's transactions in one pass (a log through the same reader as the
    /// features, with its bad-row policy and rejects); the accumulator and how the read went.
    static func read(_ source: FeatureSource, period: RetentionPeriod,
                     progress: ProgressReporter = .silent) throws -> (PeriodMetricsAccumulator, IngestionSummary) {
        var accumulator = PeriodMetricsAccumulator(period: period)
        let feed = try source.feed(modelColumns: nil, writesRejects: true)
        let summary = try feed.read(into: &accumulator, customers: CustomerIndex(), lastRelevantDay: .max, progress: progress)
        return (accumulator, summary)
    }

    /// The period numbers from the first to the last row's date, empty periods included.
    var periodNumbers: ClosedRange<Int>? {
        guard firstDay <= lastDay else { return nil }
        return period.number(of: CalendarDay(daysSinceEpoch: firstDay))...period.number(of: CalendarDay(daysSinceEpoch: lastDay))
    }
}
