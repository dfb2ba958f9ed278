import Foundation
import Testing
@testable import ChurnKit

struct TransactionFeatureBuilderTests {
    func build(_ rows: [String], cutoff: String, horizon: Int? = nil, gap: Double? = nil) throws -> TransactionFeatureResult {
        let path = TestFiles.write((["customer_id,date,amount"] + rows).joined(separator: "\n") + "\n")
        return try TransactionFeatureBuilder(referenceGapDays: gap).build(path: path, cutoff: CalendarDay(parsing: cutoff)!, horizonDays: horizon)
    }

    func value(_ result: TransactionFeatureResult, _ customer: String, _ feature: TransactionFeature) -> Double {
        let row = result.table.customerIDs.firstIndex(of: customer)!
        return result.table[row, result.table.columnNames.firstIndex(of: feature.name)!]
    }

    @Test func oneTimeBuyer() throws {
        let result = try build(["a,1997-01-01,10", "b,1997-01-01,4", "b,1997-01-11,6"], cutoff: "1997-01-31")
        #expect(value(result, "a", .frequency) == 0)
        #expect(value(result, "a", .recency) == 0)
        #expect(value(result, "a", .T) == 30)
        #expect(value(result, "a", .monetaryValue) == 0)
        #expect(value(result, "a", .daysSinceLast) == 30)
        #expect(value(result, "a", .meanGapDays) == 0)
        // The reference gap is b's mean gap (10 days), so a is three gaps overdue.
        #expect(result.referenceGapDays == 10)
        #expect(value(result, "a", .overdueRatio) == 3)
        #expect(value(result, "b", .overdueRatio) == 2)
        #expect(result.oneTimeBuyers == 1)
        #expect(result.table.labels == nil)
    }

    @Test func referenceGapIsReplayedWhenGiven() throws {
        let result = try build(["a,1997-01-01,10", "b,1997-01-01,4", "b,1997-01-11,6"], cutoff: "1997-01-31", gap: 15)
        #expect(value(result, "a", .overdueRatio) == 2)
    }

    /// Same-day transactions form one purchase day; monetary_value leaves out the first day.
    @Test func sameDayDuplicatesAndMonetaryValue() throws {
        let result = try build([
            "c,1997-01-01,5", "c,1997-01-01,7", // first day: 12, excluded from monetary_value
            "c,1997-01-05,10", "c,1997-01-05,20", // day 2: 30
            "c,1997-01-09,6",                    // day 3: 6
        ], cutoff: "1997-01-10")
        #expect(value(result, "c", .frequency) == 2)
        #expect(value(result, "c", .recency) == 8)
        #expect(value(result, "c", .T) == 9)
        #expect(value(result, "c", .monetaryValue) == 18)
        #expect(value(result, "c", .transactionCount) == 5)
        #expect(value(result, "c", .monetaryTotal) == 48)
        #expect(value(result, "c", .meanGapDays) == 4)
        #expect(value(result, "c", .overdueRatio) == 0.25)
    }

    /// Rows in any order give the same table as sorted rows (a second pass recounts the days).
    @Test func outOfOrderRowsMatchSortedRows() throws {
        let sorted = ["x,1997-01-01,1", "x,1997-01-01,2", "x,1997-02-01,3", "x,1997-03-01,4", "y,1997-02-15,9", "y,1997-03-20,1",
                      "x,1997-04-02,5", "y,1997-04-10,-2",
                      "z,1997-06-01,1"] // the log runs past the holdout (else every label would be a guess)
        var shuffled = sorted
        shuffled.swapAt(0, 6)
        shuffled.swapAt(2, 7)
        shuffled.reverse()
        let a = try build(sorted, cutoff: "1997-04-30", horizon: 30)
        let b = try build(shuffled, cutoff: "1997-04-30", horizon: 30)
        #expect(a.passes == 1 && b.passes == 2)
        for feature in TransactionFeature.allCases {
            for id in ["x", "y"] { #expect(value(a, id, feature) == value(b, id, feature), "\(id) \(feature)") }
        }
        #expect(value(b, "x", .frequency) == 3)
        #expect(value(b, "x", .purchases30d) == 1)
        #expect(value(b, "x", .purchases90d) == 3)
    }

    /// Refunds are kept: they lower spend, and their day is a purchase day as in lifetimes.
    @Test func refundsAreKept() throws {
        let result = try build(["r,1997-01-01,50", "r,1997-01-10,-20", "r,1997-01-20,30"], cutoff: "1997-01-31")
        #expect(value(result, "r", .frequency) == 2)
        #expect(value(result, "r", .monetaryValue) == 5)
        #expect(value(result, "r", .monetaryTotal) == 60)
    }

    @Test func windowsAndTrend() throws {
        // Cut-off 1997-12-31: the 30-day window starts 1997-12-02, the 90-day one 1997-10-03, and the
        // previous 90 days are 1997-07-05 … 1997-10-02.
        let result = try build([
            "w,1997-07-04,1000", // outside every window
            "w,1997-07-05,40",   // previous 90 days and 180-day window
            "w,1997-10-02,60",   // previous 90 days
            "w,1997-10-03,25",   // last 90 days
            "w,1997-12-02,10",   // last 30 days
            "w,1997-12-31,15",   // cut-off day counts
        ], cutoff: "1997-12-31")
        #expect(value(result, "w", .purchases30d) == 2)
        #expect(value(result, "w", .spend30d) == 25)
        #expect(value(result, "w", .purchases90d) == 3)
        #expect(value(result, "w", .spend90d) == 50)
        #expect(value(result, "w", .purchases180d) == 5)
        #expect(value(result, "w", .spend180d) == 150)
        #expect(value(result, "w", .spendTrend90d) == (50.0 - 100) / 150)
    }

    /// Customers who first buy after the cut-off are not in the table; holdout purchases set the
    /// label; rows after the holdout are ignored.
    @Test func labelsAndPopulation() throws {
        let result = try build([
            "stays,1997-01-01,1", "stays,1997-02-10,1",       // buys in the holdout
            "leaves,1997-01-01,1", "leaves,1997-03-15,1",     // buys only after the holdout
            "late,1997-02-05,1",                              // first purchase after the cut-off
            "edge,1997-01-31,1", "edge,1997-03-02,1",         // buys on the last holdout day
        ], cutoff: "1997-01-31", horizon: 30)
        #expect(result.table.customerIDs == ["stays", "leaves", "edge"])
        #expect(result.table.labels == [0, 1, 0])
        #expect(value(result, "leaves", .frequency) == 0)
        #expect(result.churnRate == 1.0 / 3)
    }

    @Test func noCustomersBeforeCutoff() throws {
        #expect(throws: FeatureError.self) { try build(["a,1998-01-01,1"], cutoff: "1997-01-31") }
    }

    @Test func defaultCutoffIsTheLastDate() throws {
        let path = TestFiles.write("customer_id,date,amount\na,1997-01-01,1\nb,1997-03-01,1\n")
        let result = try TransactionFeatureBuilder().build(path: path, cutoff: nil, horizonDays: nil)
        #expect(result.window.cutoff.description == "1997-03-01")
    }

    @Test func writesCSVAndJSONLines() throws {
        let result = try build(["a,1997-01-01,10.5", "\"b,2\",1997-01-02,1", "c,1997-03-01,1"], cutoff: "1997-01-31", horizon: 10)
        let folder = TestFiles.temporaryFolder()
        try result.table.write(to: folder + "/f.csv", format: .csv)
        try result.table.write(to: folder + "/f.jsonl", format: .jsonl)
        let csv = TestFiles.read(folder + "/f.csv").split(separator: "\n")
        #expect(csv[0].hasPrefix("customer_id,frequency,recency,T,monetary_value,"))
        #expect(csv[0].hasSuffix(",is_churn"))
        #expect(csv[2].hasPrefix("\"b,2\",0,0,29,0,"))
        let jsonl = TestFiles.read(folder + "/f.jsonl").split(separator: "\n")
        #expect(jsonl.count == 2)
        let object = try JSONSerialization.jsonObject(with: Data(jsonl[0].utf8)) as! [String: Any]
        #expect(object["customer_id"] as? String == "a")
        #expect(object["monetary_total"] as? Double == 10.5)
        #expect(object["is_churn"] as? Int == 1)
    }
}

/// The bundled CDNOW log reproduces lifetimes' `summary_data_from_transaction_data` exactly
/// (values from Benchmarks/reference/cdnow_features.py, saved in output/cdnow_features.json).
struct CDNOWFeatureRegressionTests {
    @Test func lifetimesSumsAndLabels() throws {
        let result = try TransactionFeatureBuilder().build(path: TestFiles.cdnow, cutoff: CalendarDay(parsing: "1997-09-30"), horizonDays: 273)
        let table = result.table
        #expect(table.rowCount == 23_570)
        #expect(Int(table.labels!.reduce(0, +)) == 16_512)
        #expect(isClose(result.churnRate!, 0.7005515486, absolute: 5e-11))
        func sum(_ feature: TransactionFeature) -> Double { table.column(feature.name)!.reduce(0, +) }
        #expect(sum(.frequency) == 24_337)
        #expect(sum(.recency) == 1_129_644)
        #expect(sum(.T) == 5_399_736)
        #expect(abs(sum(.monetaryValue) - 336_714.287) <= 0.01)
        #expect(result.ingestion.rowsRead == 69_659)
        #expect(result.passes == 1)
    }

    @Test func matchesReferenceRowsAndExtraSums() throws {
        let reference = try ReferenceOutput.load("cdnow_features.json")
        let result = try TransactionFeatureBuilder().build(path: TestFiles.cdnow, cutoff: CalendarDay(parsing: "1997-09-30"), horizonDays: 273)
        let table = result.table
        let sums = (reference["sums"] as! [String: Any]).compactMapValues(ReferenceOutput.number)
        let names: [String: TransactionFeature] = [
            "frequency": .frequency, "recency": .recency, "T": .T, "monetary_value": .monetaryValue,
            "days_since_last": .daysSinceLast, "n_transactions": .transactionCount, "monetary_total": .monetaryTotal,
            "purchases_last_30": .purchases30d, "purchases_last_90": .purchases90d, "purchases_last_180": .purchases180d,
            "spend_last_30": .spend30d, "spend_last_90": .spend90d, "spend_last_180": .spend180d,
        ]
        for (key, feature) in names {
            guard let expected = sums[key] else { Issue.record("reference lacks \(key)"); continue }
            #expect(isClose(table.column(feature.name)!.reduce(0, +), expected, absolute: 1e-6, relative: 1e-10), "\(key)")
        }
        let rows = reference["customers"] as! [[String: Any]]
        for row in rows {
            let id = String(describing: row["customer_id"]!)
            guard let i = table.customerIDs.firstIndex(of: id) else { Issue.record("no customer \(id)"); continue }
            for (key, feature) in names {
                guard let expected = row[key].flatMap(ReferenceOutput.number) else { continue }
                #expect(isClose(table[i, table.columnNames.firstIndex(of: feature.name)!], expected, absolute: 1e-9), "customer \(id) \(key)")
            }
            #expect(table.labels![i] == ReferenceOutput.number(row["is_churn"]!))
        }
    }
}

/// Reads the saved outputs of the reference scripts under Benchmarks/reference/output.
enum ReferenceOutput {
    static func load(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestFiles.bundled("Benchmarks/reference/output/" + name)))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// A JSON number as a Double, whether it was written as an integer or not.
    static func number(_ value: Any) -> Double? {
        if let v = value as? Double { return v }
        if let v = value as? Int { return Double(v) }
        if let v = value as? NSNumber { return v.doubleValue }
        return nil
    }

    static func numbers(_ value: Any?) -> [Double] { (value as? [Any] ?? []).map { number($0) ?? .nan } }
}
