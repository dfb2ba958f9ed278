/// Why buy-till-you-die inputs cannot be fitted or scored, with the customer row at fault.
public enum BuyTillYouDieError: Error, CustomStringConvertible, Equatable {
    /// Row `row` (0-based) has a value the model cannot take.
    case invalidCustomer(row: Int, reason: String)
    /// The arrays have different lengths.
    case lengthMismatch(String)
    /// Nothing to fit (no rows, or no repeat buyers for the Gamma-Gamma model).
    case noData(String)
    /// A parameter or option outside its domain.
    case invalidSetting(String)

    public var description: String {
        switch self {
        case let .invalidCustomer(row, reason): return "customer row \(row + 1): \(reason)"
        case let .lengthMismatch(message), let .noData(message), let .invalidSetting(message): return message
        }
    }
}
