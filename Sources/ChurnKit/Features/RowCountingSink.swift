/// A sink that only counts rows (``FeatureSource/readTransactionsOnly()``): the consumer's own
/// work is nil, so what is measured is the read.
struct RowCountingSink: TransactionSink {
    var rows = 0

    mutating func consume(customer: Int, day: Int32, amount: Double) {
        rows &+= 1
    }
}
