/// Hands in-memory transactions to a ``TransactionSink``, checking each as the log reader checks
/// a row (a customer id, a finite amount); the name in errors is `<transactions>`.
enum TransactionListReader {
    static let displayName = "<transactions>"

    /// Feeds every transaction dated on or before `lastRelevantDay` to `sink`, interning customers
    /// in `customers`; the summary counts every transaction, as the log reader counts rows.
    static func read<Sink: TransactionSink>(_ transactions: [Transaction], into sink: inout Sink, customers: CustomerIndex,
                                            lastRelevantDay: Int32 = .max) throws -> IngestionSummary {
        let started = MonotonicClock.seconds()
        var summary = IngestionSummary()
        var minDay = Int32.max, maxDay = Int32.min
        for (index, transaction) in transactions.enumerated() {
            try check(transaction, at: index)
            let day = transaction.day.daysSinceEpoch
            summary.rowsRead += 1
            minDay = min(minDay, day)
            maxDay = max(maxDay, day)
            guard day <= lastRelevantDay else { continue }
            sink.consume(customer: customers.intern(transaction.customerID), day: day, amount: transaction.amount)
        }
        guard summary.rowsRead > 0 else { throw IngestionError.noRows(file: displayName) }
        summary.firstDay = CalendarDay(daysSinceEpoch: minDay)
        summary.lastDay = CalendarDay(daysSinceEpoch: maxDay)
        summary.seconds = MonotonicClock.seconds() - started
        return summary
    }

    /// The first and last days of the transactions.
    static func dateRange(_ transactions: [Transaction]) throws -> ClosedRange<CalendarDay> {
        guard let first = transactions.map(\.day).min(), let last = transactions.map(\.day).max() else {
            throw IngestionError.noRows(file: displayName)
        }
        return first...last
    }

    /// SHA-256 of the transactions written one per line as `customer_id,day,amount` (the digest a
    /// model records for the data it was trained on; there is no file to digest).
    static func digest(_ transactions: [Transaction]) -> String {
        var text: [UInt8] = []
        for transaction in transactions {
            text += Array("\(CSVText.quoted(transaction.customerID)),\(transaction.day),\(transaction.amount)\n".utf8)
        }
        return ContentDigest.hex(of: text)
    }

    private static func check(_ transaction: Transaction, at index: Int) throws {
        guard !transaction.customerID.isEmpty else {
            throw ParameterError(parameter: "transactions", value: "transactions[\(index)] with an empty customer id", allowed: "a non-empty customer id")
        }
        guard transaction.amount.isFinite else {
            throw ParameterError(parameter: "transactions", value: "transactions[\(index)] with amount \(transaction.amount)", allowed: "finite amounts")
        }
    }
}
