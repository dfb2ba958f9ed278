import Foundation

/// How to read a transaction log: the names of its three columns, and how it is written (the
/// delimiter, the date format and the business time zone its days are counted in).
///
/// A model stores these, so a scoring job reads the log the way training did unless told otherwise.
public struct TransactionColumns: Sendable, Equatable, Codable {
    /// The header name of the customer id column (ids are text, compared byte for byte).
    public var customer: String
    /// The header name of the purchase date column.
    public var date: String
    /// nil: the log has no amounts (lifetimes' `date,id` logs). Every row is then a purchase of
    /// unknown value: the monetary features are left out and the model spec records `null`.
    public var amount: String?
    /// What separates the fields (a comma unless told).
    public var delimiter: FieldDelimiter
    /// nil: ISO 8601 (`YYYY-MM-DD`, `YYYYMMDD`, or a date-time with an optional offset).
    public var dateFormat: DateFormat?
    /// The zone whose calendar days purchases are counted in (a date-time with an offset is
    /// moved into it; a plain date is taken as it is).
    public var timeZone: BusinessTimeZone
    /// Amounts are written with a decimal comma (`12,50`), and a point is not a decimal mark
    /// (`--decimal-comma`); written to a model file only when true.
    public var decimalComma: Bool

    /// The columns and format of a log; the defaults are `customer_id,date,amount`, comma-separated,
    /// ISO dates, UTC.
    public init(customer: String = "customer_id", date: String = "date", amount: String? = "amount",
                delimiter: FieldDelimiter = .comma, dateFormat: DateFormat? = nil, timeZone: BusinessTimeZone = .utc,
                decimalComma: Bool = false) {
        self.customer = customer
        self.date = date
        self.amount = amount
        self.delimiter = delimiter
        self.dateFormat = dateFormat
        self.timeZone = timeZone
        self.decimalComma = decimalComma
    }

    enum CodingKeys: String, CodingKey {
        case customer, date, amount, delimiter, dateFormat = "date_format", timeZone = "time_zone", decimalComma = "decimal_comma"
    }

    /// Model files written before the format fields existed hold only the three names.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        customer = try c.decode(String.self, forKey: .customer)
        date = try c.decode(String.self, forKey: .date)
        // `"amount": null` is a log without amounts; files from before that option always name one.
        amount = c.contains(.amount) ? try c.decodeIfPresent(String.self, forKey: .amount) : "amount"

        delimiter = try c.decodeIfPresent(FieldDelimiter.self, forKey: .delimiter) ?? .comma
        dateFormat = try c.decodeIfPresent(DateFormat.self, forKey: .dateFormat)
        timeZone = try c.decodeIfPresent(BusinessTimeZone.self, forKey: .timeZone) ?? .utc
        decimalComma = try c.decodeIfPresent(Bool.self, forKey: .decimalComma) ?? false
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(customer, forKey: .customer)
        try c.encode(date, forKey: .date)
        if let amount { try c.encode(amount, forKey: .amount) } else { try c.encodeNil(forKey: .amount) }
        try c.encode(delimiter, forKey: .delimiter)
        try c.encodeIfPresent(dateFormat, forKey: .dateFormat)
        try c.encode(timeZone, forKey: .timeZone)
        if decimalComma { try c.encode(true, forKey: .decimalComma) }
    }

    /// Whether the log has amounts (monetary features, value at risk, revenue metrics).
    public var hasAmounts: Bool { amount != nil }

    /// The names a log must have as columns, for messages.
    public var required: [String] { [customer, date] + (amount.map { [$0] } ?? []) }

    /// What a date that cannot be read should have looked like, for messages.
    var expectedDateText: String {
        if let dateFormat { return "expected the date format '\(dateFormat.pattern)'" }
        return "expected YYYY-MM-DD, YYYYMMDD or an ISO-8601 date-time"
    }
}
