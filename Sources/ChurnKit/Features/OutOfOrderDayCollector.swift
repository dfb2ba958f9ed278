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
