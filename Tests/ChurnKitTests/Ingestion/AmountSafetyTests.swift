import Foundation
import Testing
@testable import ChurnKit

/// Amount grammar and exact spend arithmetic.
struct AmountSafetyTests {
    @Test(arguments: ["0x10", "0X1p3", "1,000", "1_000", "$5", "5€", "€5", "5 USD", "1.2.3", "--1", "1e", "1e+", ".", "-", "12abc", "١٢"])
    func lookalikesAreNotNumbers(text: String) {
        guard case .failure(.notANumber) = DecimalParser.parseResult(Substring(text)) else {
            Issue.record("\(text) parsed as \(DecimalParser.parseResult(Substring(text)))")
            return
        }
    }

    @Test(arguments: ["inf", "-Infinity", "NaN", "nan", "1e999", "-1e400"])
    func nonFiniteIsItsOwnFailure(text: String) {
        guard case .failure(.notFinite) = DecimalParser.parseResult(Substring(text)) else {
            Issue.record("\(text) gave \(DecimalParser.parseResult(Substring(text)))")
            return
        }
    }

    @Test(arguments: [("12.99", 12.99), (" 5 ", 5), ("\t-3.5e2", -350), (".5", 0.5), ("5.", 5), ("+7", 7), ("1e-400", 0)])
    func plainDecimalsParse(text: String, value: Double) {
        #expect(DecimalParser.parse(Substring(text)) == value)
    }

    func feature(_ rows: [String], _ customer: String, _ feature: TransactionFeature, cutoff: String = "1997-12-31") throws -> Double {
        let path = TestFiles.write((["customer_id,date,amount"] + rows).joined(separator: "\n") + "\n")
        let result = try TransactionFeatureBuilder().build(path: path, cutoff: CalendarDay(parsing: cutoff)!, horizonDays: nil)
        let row = result.table.customerIDs.firstIndex(of: customer)!
        return result.table[row, result.table.columnNames.firstIndex(of: feature.name)!]
    }

    /// monetary_value is the mean of the repeat days' spend, summed from those days: total minus
    /// first day would give 0 here (1e17 + 3 + 4 − 1e17 rounds to 0 or 8).
    @Test func monetaryValueIsExactWhateverTheFirstDay() throws {
        #expect(try feature(["a,1997-01-01,1e17", "a,1997-01-02,3", "a,1997-01-03,4"], "a", .monetaryValue) == 3.5)
        // Out of date order: the first day arrives last and the old first day becomes a repeat day.
        #expect(try feature(["a,1997-01-02,3", "a,1997-01-03,4", "a,1997-01-01,1e17"], "a", .monetaryValue) == 3.5)
        #expect(try feature(["a,1997-01-03,4", "a,1997-01-02,3", "a,1997-01-01,1e17", "a,1997-01-01,5"], "a", .monetaryValue) == 3.5)
        // Compensated: 0.1 a thousand times and 1e-3 a thousand times on six repeat days.
        var rows = ["b,1997-01-01,1e9"]
        for i in 0..<1000 { rows.append("b,1997-01-02,0.1"); rows.append("b,1997-01-0\(3 + i % 5),1e-3") }
        let mean = try feature(rows, "b", .monetaryValue)
        #expect(abs(mean - 101.0 / 6) < 1e-12)
    }

    /// Finite amounts whose sum overflows: an error naming the customer and the column.
    @Test func overflowingSpendIsAnErrorNamingTheCustomer() throws {
        let path = TestFiles.write("customer_id,date,amount\nok,1997-01-01,1\nbig,1997-01-01,1e308\nbig,1997-01-02,1e308\nbig,1997-01-03,1e308\n")
        do {
            _ = try TransactionFeatureBuilder().build(path: path, cutoff: CalendarDay(parsing: "1997-12-31")!, horizonDays: nil)
            Issue.record("expected an error")
        } catch let FeatureError.nonFiniteFeature(_, customer, column, _) {
            #expect(customer == "big")
            #expect(column == "monetary_value")
        }
    }
}
