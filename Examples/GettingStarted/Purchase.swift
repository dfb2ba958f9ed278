import ChurnKit

/// One purchase of the made-up shop.
struct Purchase {
    var customerID: String
    var date: CalendarDay
    var amount: Double
}
