import ChurnKit
import Foundation

/// A made-up shop's purchases, generated the same way on every run: the getting-started example
/// needs data that shows churn without shipping a file.
///
/// Customers join in the first year; each buys at random with a mean gap of 10–50 days
/// (exponential gaps) and a basket of 20–100. About 40% lapse: they stop buying at some day at
/// least 60 days after joining. Their IDs say which they are (`loyal-0007`, `lapsing-0012`), so a
/// reader of the risk list, and the test that runs the example, can tell whether the model ranks the
/// customers who stopped above those who did not; the model itself never sees the IDs' words.
struct SyntheticShop {
    var customers = 400
    var firstDay = CalendarDay(year: 2024, month: 1, day: 1)!
    var days = 730
    var lapsingShare = 0.4
    var seed: UInt64 = 7

    /// Every purchase, customer by customer, in date order within each customer.
    func transactions() -> [Transaction] {
        var random = SplitMix64(seed: seed)
        var rows: [Transaction] = []
        for number in 1...customers {
            let lapses = random.unit() < lapsingShare
            let id = (lapses ? "lapsing-" : "loyal-") + Self.padded(number)
            let joined = Int(random.unit() * Double(days / 2))
            let stops = lapses ? joined + 60 + Int(random.unit() * Double(days - joined - 60)) : days
            let meanGap = 10 + random.unit() * 40
            let basket = 20 + random.unit() * 80
            var day = Double(joined)
            while Int(day) < stops {
                let amount = (basket * (0.5 + random.unit()) * 100).rounded() / 100
                rows.append(Transaction(customerID: id, day: firstDay.adding(days: Int(day)), amount: amount))
                day += -meanGap * log(1 - random.unit())
            }
        }
        return rows
    }

    private static func padded(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
