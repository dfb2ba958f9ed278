/// Running per-customer totals for one observation window, filled row by row.
///
/// Everything is O(1) per row and per customer except the count of *distinct* purchase days,
/// which needs the days themselves when a customer's rows arrive out of date order. The common
/// layouts (sorted by date, or by customer then date, interleaved in any way) never need them; a
/// customer whose dates go backwards is flagged and recounted in a second pass that keeps only the
/// flagged customers' days (see ``TransactionFeatureBuilder``).
struct CustomerActivityAccumulator: TransactionSink {
    let cutoff: Int32
    let holdoutEnd: Int32
    private let start30: Int32, start90: Int32, start180: Int32

    private(set) var firstDay: [Int32] = []
    private(set) var lastDay: [Int32] = []
    private(set) var purchaseDays: [Int32] = []
    private(set) var purchaseDays30: [Int32] = []
    private(set) var purchaseDays90: [Int32] = []
    private(set) var purchaseDays180: [Int32] = []
    private(set) var transactionCount: [Int32] = []
    private(set) var totalSpend: [Double] = []
    private(set) var firstDaySpend: [Double] = []
    private(set) var spend30: [Double] = []
    private(set) var spend90: [Double] = []
    private(set) var spend180: [Double] = []
    private(set) var spendPrevious90: [Double] = []
    private(set) var boughtInHoldout: [Bool] = []
    private(set) var outOfOrder: [Bool] = []
    private(set) var outOfOrderCount = 0

    static let noPurchase = Int32.max

    init(window: ObservationWindow) {
        cutoff = window.cutoff.daysSinceEpoch
        holdoutEnd = window.holdoutEnd?.daysSinceEpoch ?? cutoff
        // Windows are (cutoff − k, cutoff]: the last k days including the cut-off day.
        start30 = cutoff - 29
        start90 = cutoff - 89
        start180 = cutoff - 179
    }

    var customerCount: Int { firstDay.count }

    private mutating func grow(to count: Int) {
        while firstDay.count < count {
            firstDay.append(Self.noPurchase); lastDay.append(Int32.min)
            purchaseDays.append(0); purchaseDays30.append(0); purchaseDays90.append(0); purchaseDays180.append(0)
            transactionCount.append(0); totalSpend.append(0); firstDaySpend.append(0)
            spend30.append(0); spend90.append(0); spend180.append(0); spendPrevious90.append(0)
            boughtInHoldout.append(false); outOfOrder.append(false)
        }
    }

    @inline(__always)
    mutating func consume(customer c: Int, day: Int32, amount: Double) {
        if c >= firstDay.count { grow(to: c + 1) }
        if day > cutoff {
            if day <= holdoutEnd { boughtInHoldout[c] = true }
            return
        }
        transactionCount[c] += 1
        totalSpend[c] += amount
        if day >= start30 { spend30[c] += amount }
        if day >= start90 { spend90[c] += amount } else if day >= start180 { spendPrevious90[c] += amount }
        if day >= start180 { spend180[c] += amount }

        if day > lastDay[c] {
            // A new purchase day, later than any seen for this customer.
            if lastDay[c] == Int32.min { firstDay[c] = day }
            lastDay[c] = day
            purchaseDays[c] += 1
            if day >= start30 { purchaseDays30[c] += 1 }
            if day >= start90 { purchaseDays90[c] += 1 }
            if day >= start180 { purchaseDays180[c] += 1 }
        } else if day < lastDay[c] && !outOfOrder[c] {
            outOfOrder[c] = true
            outOfOrderCount += 1
        }
        if day < firstDay[c] {
            firstDay[c] = day
            firstDaySpend[c] = amount
        } else if day == firstDay[c] {
            firstDaySpend[c] += amount
        }
    }

    /// Replaces the distinct-day counts of out-of-order customers with exact ones.
    mutating func recount(customer c: Int, sortedUniqueDays days: [Int32]) {
        purchaseDays[c] = Int32(days.count)
        purchaseDays30[c] = Int32(days.filter { $0 >= start30 }.count)
        purchaseDays90[c] = Int32(days.filter { $0 >= start90 }.count)
        purchaseDays180[c] = Int32(days.filter { $0 >= start180 }.count)
    }
}

/// Second-pass sink: collects the calibration days of the customers flagged out of order.
struct OutOfOrderDayCollector: TransactionSink {
    let cutoff: Int32
    let flagged: [Bool]
    var days: [Int: [Int32]] = [:]

    mutating func consume(customer: Int, day: Int32, amount: Double) {
        guard day <= cutoff, customer < flagged.count, flagged[customer] else { return }
        days[customer, default: []].append(day)
    }
}
