/// One purchase held in memory: who bought, on which calendar day, for how much.
///
/// The in-memory counterpart of a transaction log's row (`customer_id,date,amount`): a
/// ``FeatureSource/transactions(_:)`` source hands these to the same per-customer accumulator that
/// the log reader feeds, so features from memory and from a file are the same numbers. Days are
/// calendar days in the business's time zone (a log's date-times are turned into days on reading);
/// a negative amount is a refund and is kept as it is.
public struct Transaction: Sendable, Hashable {
    /// The customer (any non-empty text; ids are compared byte for byte).
    public var customerID: String
    /// The calendar day of the purchase.
    public var day: CalendarDay
    /// The amount spent (finite; negative for a refund).
    public var amount: Double

    /// A purchase of `amount` by `customerID` on `day`.
    public init(customerID: String, day: CalendarDay, amount: Double) {
        self.customerID = customerID
        self.day = day
        self.amount = amount
    }
}
