import Foundation
import Testing
@testable import ChurnKit

/// A hand-checked log, months January to July 1997, default 90-day window:
/// - a orders twice in January, lapses at the end of April (last order 01-20, 100 days), returns
///   on 05-02 (reactivated in May) and lapses on 07-31, exactly 90 days later (the window's edge);
/// - b orders in January, lapses in April, and refunds 5 in April (revenue −5, not an order);
/// - c is new in February and lapses in May; June is empty; d is new on July 31.
let retentionFixture = [
    "a,1997-01-05,10", "a,1997-01-20,5", "b,1997-01-10,20", "c,1997-02-03,7",
    "b,1997-04-09,-5", "a,1997-05-02,8", "d,1997-07-31,12",
]

func retentionLog(_ rows: [String]) -> String {
    TestFiles.write((["customer_id,date,amount"] + rows).joined(separator: "\n") + "\n")
}

struct RetentionReportTests {
    func report(_ rows: [String], period: RetentionPeriod = .month, window: Int = 90,
                value: CustomerLifetimeValue = CustomerLifetimeValue()) throws -> RetentionReport {
        try RetentionReport.read(.transactionLog(path: retentionLog(rows)), period: period, activeWindowDays: window, lifetimeValue: value)
    }

    @Test func handCheckedMonths() throws {
        let r = try report(retentionFixture)
        #expect(r.periods.map(\.label) == ["1997-01", "1997-02", "1997-03", "1997-04", "1997-05", "1997-06", "1997-07"])
        #expect(r.periods.map(\.customersStart) == [0, 2, 3, 3, 1, 1, 1])
        #expect(r.periods.map(\.newCustomers) == [2, 1, 0, 0, 0, 0, 1])
        #expect(r.periods.map(\.reactivatedCustomers) == [0, 0, 0, 0, 1, 0, 0])
        #expect(r.periods.map(\.lostCustomers) == [0, 0, 0, 2, 1, 0, 1])
        #expect(r.periods.map(\.customersEnd) == [2, 3, 3, 1, 1, 1, 1])
        #expect(r.periods.map(\.retentionRate) == [nil, 100, 100, 1.0 / 3 * 100, 100, 100, 0])
        #expect(r.periods.map(\.churnRate) == [nil, 0, 0, 2.0 / 3 * 100, 100, 0, 100])
        #expect(r.periods.map(\.buyers) == [2, 1, 0, 0, 1, 0, 1])
        #expect(r.periods.map(\.orders) == [3, 1, 0, 0, 1, 0, 1])
        #expect(r.periods.map(\.repeatBuyers) == [1, 0, 0, 0, 0, 0, 0])
        #expect(r.periods.map(\.repeatPurchaseRate) == [50, 0, nil, nil, 0, nil, 0])
        #expect(r.periods.map(\.purchaseFrequency) == [1.5, 1, nil, nil, 1, nil, 1])
        #expect(r.periods.map(\.revenue) == [35, 7, 0, -5, 8, 0, 12])
        #expect(r.periods.map(\.averageOrderValue) == [35.0 / 3, 7, nil, nil, 8, nil, 12])
        // Revenue churn: the previous month's buyers' revenue not followed by an order this month.
        #expect(r.periods.map(\.previousBuyersRevenue) == [0, 35, 7, 0, 0, 8, 0])
        #expect(r.periods.map(\.revenueChurn) == [nil, 100, 100, nil, nil, 100, nil])
        #expect(r.periods.map(\.netRevenueRetention) == [nil, 0, 0, nil, nil, 0, nil])
        #expect(r.periods.last!.end.description == "1997-07-31")
    }

    @Test func totalsAndLifetimeValue() throws {
        let value = CustomerLifetimeValue(margin: 0.5, discountRate: 0.1)
        let r = try report(retentionFixture, value: value)
        #expect(r.customers == 4)
        #expect(r.repeatCustomers == 1)
        #expect(r.repeatPurchaseRate == 25)
        #expect(r.orders == 6)
        #expect(r.revenue == 57)
        #expect(r.averageOrderValue == 9.5)
        #expect(r.purchaseFrequency == 1.2)
        #expect(isClose(r.churnRate!, 400.0 / 11))
        #expect(r.historicalLifetimeValue == 14.25)
        #expect(isClose(r.predictedLifetimeValue!, 0.5 * 9.5 * 1.2 * 1.1 / (4.0 / 11 + 0.1)))
        // Per period: January has no churn rate, so no predicted CLV; February churns nobody.
        #expect(r.predictedLifetimeValue(r.periods[0]) == nil)
        #expect(isClose(r.predictedLifetimeValue(r.periods[1])!, 0.5 * 7 * 1 * 1.1 / 0.1))
        #expect(r.predictedLifetimeValue(r.periods[2]) == nil) // no orders, no AOV
    }

    /// `d − last < window`: a is inactive on 07-31, exactly 90 days after 05-02, active with 91.
    @Test func activeWindowEdge() throws {
        let wider = try report(retentionFixture, window: 91)
        #expect(wider.periods[6].customersEnd == 2)
        #expect(wider.periods[6].lostCustomers == 0)
        let single = try report(["x,1997-01-01,1", "y,1997-02-28,1"], window: 30)
        #expect(single.periods[0].customersEnd == 0) // 01-31 is 30 days after 01-01
        let thirtyOne = try report(["x,1997-01-01,1", "y,1997-02-28,1"], window: 31)
        #expect(thirtyOne.periods[0].customersEnd == 1)
        #expect(thirtyOne.periods[1].lostCustomers == 1)
    }

    @Test func rowsInAnyOrderGiveTheSameReport() throws {
        let sorted = try report(retentionFixture)
        let shuffled = try report([6, 3, 0, 5, 2, 4, 1].map { retentionFixture[$0] })
        #expect(sorted.periods == shuffled.periods)
    }

    @Test func quartersAndYears() throws {
        let quarters = try report(retentionFixture, period: .quarter)
        #expect(quarters.periods.map(\.label) == ["1997-Q1", "1997-Q2", "1997-Q3"])
        #expect(quarters.periods.map(\.customersStart) == [0, 3, 1])
        #expect(quarters.periods.map(\.newCustomers) == [3, 0, 1])
        #expect(quarters.periods.map(\.customersEnd) == [3, 1, 1])
        #expect(quarters.periods.map(\.revenue) == [42, 3, 12])
        let years = try report(retentionFixture, period: .year)
        #expect(years.periods.count == 1)
        #expect(years.periods[0].retentionRate == nil)
        #expect(years.periods[0].end.description == "1997-07-31") // the log ends inside the year
    }

    /// A refund-only customer is nobody's customer; a refund before the first order still counts
    /// as revenue; a zero amount is an order.
    @Test func refundsAndFreeOrders() throws {
        let r = try report(["r,1997-01-03,-4", "f,1997-01-04,0", "s,1997-01-09,-2", "s,1997-02-01,6"])
        #expect(r.customers == 2)
        #expect(r.periods.map(\.newCustomers) == [1, 1])
        #expect(r.periods.map(\.orders) == [1, 1])
        #expect(r.periods.map(\.revenue) == [-6, 6])
        #expect(r.periods[0].averageOrderValue == -6)
        // f's January revenue is 0, so the base is 0 and revenue churn is undefined.
        #expect(r.periods[1].previousBuyersRevenue == 0)
        #expect(r.periods[1].revenueChurn == nil)
        let cohorts = try CohortTable.read(.transactionLog(path: retentionLog(["s,1997-01-09,-2", "s,1997-02-01,6"])), period: .month)
        #expect(cohorts.cohorts.map(\.customers) == [0, 1])
        #expect(cohorts.cohorts[1].revenue == [6])
    }

    /// Undefined rates are an empty CSV cell, JSON null and `n/a` in the table, never 0 or NaN.
    @Test func undefinedRatesInEveryFormat() throws {
        let table = try report(retentionFixture).table()
        let names = table.columns.map(\.name)
        let csv = table.rendered(.csv).split(separator: "\n", omittingEmptySubsequences: false).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(csv[0] == names)
        let january = Dictionary(uniqueKeysWithValues: zip(names, csv[1]))
        #expect(january["period"] == "1997-01")
        #expect(january["customers_start"] == "0")
        #expect(january["retention_rate"] == "")
        #expect(january["churn_rate"] == "")
        #expect(january["revenue_churn"] == "")
        #expect(january["average_order_value"] == String((35.0 / 3).description))
        let april = Dictionary(uniqueKeysWithValues: zip(names, csv[4]))
        #expect(april["retention_rate"] == (1.0 / 3 * 100).description)
        #expect(april["revenue"] == "-5")
        #expect(!table.rendered(.csv).contains("NaN"))

        let json = try JSONSerialization.jsonObject(with: Data(table.rendered(.jsonl).split(separator: "\n")[0].utf8)) as! [String: Any]
        #expect(json["retention_rate"] is NSNull)
        #expect(json["customers_end"] as? Int == 2)
        #expect(json["period"] as? String == "1997-01")

        let text = table.rendered(.table)
        let firstRow = text.split(separator: "\n")[1]
        #expect(firstRow.hasPrefix("1997-01"))
        #expect(firstRow.contains("n/a"))
        #expect(text.contains("historical CLV           14.25 per customer"))
    }
}

/// The bundled CDNOW log against Benchmarks/reference/retention_metrics.py (pandas, brute force),
/// saved in output/retention_cdnow.json.
struct CDNOWRetentionRegressionTests {
    @Test func monthlyMetricsMatchReference() throws {
        let reference = try ReferenceOutput.load("retention_cdnow.json")
        let months = reference["months"] as! [[String: Any]]
        let r = try RetentionReport.read(.transactionLog(path: TestFiles.cdnow), period: .month, activeWindowDays: 90)
        #expect(r.periods.count == 18)
        #expect(r.periods.count == months.count)
        for (p, m) in zip(r.periods, months) {
            #expect(p.label == m["period"] as? String)
            let counts: [(String, Int)] = [
                ("customers_start", p.customersStart), ("new_customers", p.newCustomers), ("reactivated_customers", p.reactivatedCustomers),
                ("lost_customers", p.lostCustomers), ("customers_end", p.customersEnd), ("buyers", p.buyers),
                ("repeat_buyers", p.repeatBuyers), ("orders", p.orders),
            ]
            for (key, value) in counts { #expect(value == m[key] as? Int, "\(p.label) \(key)") }
            let rates: [(String, Double?)] = [
                ("retention_rate", p.retentionRate), ("churn_rate", p.churnRate), ("revenue", p.revenue),
                ("revenue_churn", p.revenueChurn), ("net_revenue_retention", p.netRevenueRetention),
            ]
            for (key, value) in rates {
                let expected = m[key].flatMap(ReferenceOutput.number)
                #expect((value == nil) == (expected == nil), "\(p.label) \(key) defined")
                if let value, let expected { #expect(isClose(value, expected, absolute: 1e-6, relative: 1e-10), "\(p.label) \(key): \(value) vs \(expected)") }
            }
        }
        // Headline numbers: textbook retention of the first months after acquisition ended.
        #expect(r.periods[3].customersStart == 23_570)
        #expect(r.periods[3].customersEnd == 18_028)
        let totals = reference["totals"] as! [String: Any]
        #expect(r.customers == totals["customers"] as? Int)
        #expect(r.repeatCustomers == totals["repeat_customers"] as? Int)
        #expect(r.orders == totals["orders"] as? Int)
        #expect(isClose(r.revenue, ReferenceOutput.number(totals["revenue"]!)!, absolute: 1e-6))
    }
}

/// Retention metrics come from any transaction source: transactions in memory give the same
/// report and cohorts as the same rows in a log on disk, and a labelled table is refused.
struct RetentionFromSourceTests {
    static func transactions(_ rows: [String]) -> [Transaction] {
        rows.map { row in
            let fields = row.split(separator: ",").map(String.init)
            return Transaction(customerID: fields[0], day: CalendarDay(parsing: fields[1])!, amount: Double(fields[2])!)
        }
    }

    @Test func transactionsInMemoryMatchTheLog() throws {
        let fromLog = try RetentionReport.read(.transactionLog(path: retentionLog(retentionFixture)), period: .month)
        let inMemory = try RetentionReport.read(.transactions(Self.transactions(retentionFixture)), period: .month)
        #expect(inMemory.periods == fromLog.periods)
        #expect(inMemory.periods.count == 7)
        #expect(inMemory.repeatPurchaseRate == fromLog.repeatPurchaseRate)
        #expect(inMemory.ingestion.rowsRead == fromLog.ingestion.rowsRead)
        let cohortsFromLog = try CohortTable.read(.transactionLog(path: retentionLog(retentionFixture)), period: .month)
        let cohortsInMemory = try CohortTable.read(.transactions(Self.transactions(retentionFixture)), period: .month)
        #expect(cohortsInMemory.cohorts == cohortsFromLog.cohorts)
        #expect(!cohortsInMemory.cohorts.isEmpty)
    }

    @Test func aLabelledTableHasNoTransactions() throws {
        let table = TestFiles.write("customer_id,tenure,churn\na,3,1\nb,5,0\n")
        #expect(throws: FeatureError.self) {
            try RetentionReport.read(.table(path: table, columns: TableColumns(label: "churn")), period: .month)
        }
    }
}
