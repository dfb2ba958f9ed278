import Foundation
import Testing
@testable import ChurnKit

/// The BG/NBD fit-check section: both charts and their tables carry the numbers of
/// ``BGNBDFitChecks`` for a small fitted model, and the split behind them counts what the log says.
struct BGNBDFitCheckSectionTests {
    static let start = CalendarDay(parsing: "2024-01-01")!
    static let cutoffDay = 273, holdoutDays = 90

    /// A seeded log of 160 customers (some buy twice on a day, some stop buying) and each
    /// customer's purchase days (offsets from `start`), for counting by hand.
    static func log() -> (path: String, days: [String: Set<Int>]) {
        var random = SeededGenerator(seed: 11)
        var csv = "customer_id,date,amount\n"
        var days: [String: Set<Int>] = [:]
        for c in 0..<160 {
            let id = "c\(c)"
            var day = Int(random.next() % 250)
            let gap = [4, 15, 40, 90][Int(random.next() % 4)]
            let stop = Int(random.next() % 100) < 40 ? day + Int(random.next() % 200) : 400
            while day <= min(stop, 364) {
                let copies = random.next() % 5 == 0 ? 2 : 1
                for _ in 0..<copies { csv += "\(id),\(start.adding(days: day)),\(10 + random.next() % 50)\n" }
                days[id, default: []].insert(day)
                day += 1 + Int(random.next() % UInt64(2 * gap))
            }
        }
        csv += "last,\(start.adding(days: 365)),5\n"
        days["last"] = [365]
        return (TestFiles.write(csv), days)
    }

    @Test func splitCountsDistinctPurchaseDaysInTheHoldout() throws {
        let (path, days) = Self.log()
        let cutoff = Self.start.adding(days: Self.cutoffDay)
        let split = try BGNBDHoldoutSplit.read(.transactionLog(path: path), cutoff: cutoff, holdoutDays: Self.holdoutDays)
        let holdout = try #require(split.holdoutPurchases)
        let expectedCustomers = days.values.filter { $0.contains { $0 <= Self.cutoffDay } }.count
        #expect(split.calibration.rowCount == expectedCustomers)
        let frequency = try #require(split.calibration.column("frequency"))
        for (i, id) in split.calibration.customerIDs.enumerated() {
            let own = try #require(days[id])
            #expect(frequency[i] == Double(own.filter { $0 <= Self.cutoffDay }.count - 1), "\(id) calibration frequency")
            #expect(holdout[i] == Double(own.filter { $0 > Self.cutoffDay && $0 <= Self.cutoffDay + Self.holdoutDays }.count), "\(id) holdout purchases")
        }
        #expect(holdout.reduce(0, +) > 0)
        // A holdout past the log's last date is refused, not counted as no purchases.
        #expect(throws: FeatureError.self) {
            try BGNBDHoldoutSplit.read(.transactionLog(path: path), cutoff: cutoff, holdoutDays: 200)
        }
    }

    /// The figure of `id` in `html`: its SVG and its data table.
    static func figure(_ id: String, in html: String) throws -> String {
        let start = try #require(html.range(of: "<figure class=\"chart\" id=\"fig-\(id)\">"), "no figure \(id)")
        let end = try #require(html.range(of: "</figure>", range: start.upperBound..<html.endIndex))
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// A table row as ``HTMLTable`` writes it (first column text, the others numeric).
    static func row(_ cells: [String]) -> String {
        "<tr>" + cells.enumerated().map { j, cell in "<td\(j > 0 ? " class=\"num\"" : "")>\(HTMLText.escape(cell))</td>" }.joined() + "</tr>"
    }

    @Test func sectionDrawsBothChecksWithTheirNumbers() throws {
        let (path, days) = Self.log()
        let cutoff = Self.start.adding(days: Self.cutoffDay)
        let split = try BGNBDHoldoutSplit.read(.transactionLog(path: path), cutoff: cutoff, holdoutDays: Self.holdoutDays)
        let (model, _) = try BuyTillYouDieModel.fit(split.calibration, horizonDays: Self.holdoutDays)
        let checks = try split.fitChecks(parameters: model.parameters)
        let section = BGNBDFitCheckSection(checks: checks, cutoff: cutoff, parameters: model.parameters, isWholeModel: true)
        let html = ChurnReport(title: "t", subtitle: "s", sections: [section]).html()
        #expect(html.contains("<section id=\"fit-checks\">"))

        // Repeat purchases: the actual counts are the log's, the expected ones the model's.
        let repeats = try Self.figure("bgnbd-repeat-purchases", in: html)
        #expect(checks.repeatPurchases.count == 8)
        let calibrationDays = days.values.map { $0.filter { $0 <= Self.cutoffDay }.count }.filter { $0 > 0 }
        for row in checks.repeatPurchases {
            let k = row.frequency == "7+" ? 7 : Int(row.frequency)!
            let byHand = calibrationDays.filter { k == 7 ? $0 - 1 >= 7 : $0 - 1 == k }.count
            #expect(row.customers == byHand, "customers with \(row.frequency) repeat purchases")
            #expect(repeats.contains(Self.row([row.frequency, String(row.customers), NumberText.fixed(row.expected, 1),
                                                NumberText.fixed(row.actual - row.expected, 1)])), "repeat-purchases table row \(row.frequency)")
            #expect(repeats.contains("<title>\(row.frequency) · model expected: "), "a model bar for \(row.frequency)")
        }
        let expectedTotal = checks.repeatPurchases.reduce(0) { $0 + $1.expected }
        #expect(isClose(expectedTotal, Double(split.calibration.rowCount), absolute: 1e-6), "the expected counts share out every customer")

        // Calibration vs holdout: the actual means are the log's, the predictions the model's.
        let holdout = try Self.figure("bgnbd-holdout", in: html)
        let rows = try #require(checks.calibrationVsHoldout)
        let frequency = split.calibration.column("frequency")!, recency = split.calibration.column("recency")!, T = split.calibration.column("T")!
        for row in rows {
            let members = split.calibration.customerIDs.indices.filter { row.frequency == "7+" ? frequency[$0] >= 7 : frequency[$0] == Double(row.frequency)! }
            let actual = members.map { Double(days[split.calibration.customerIDs[$0]]!.filter { $0 > Self.cutoffDay && $0 <= Self.cutoffDay + Self.holdoutDays }.count) }
            let predicted = members.map { model.parameters.expectedPurchases(days: Double(Self.holdoutDays), frequency: frequency[$0], recency: recency[$0], T: T[$0]) }
            #expect(row.customers == members.count)
            #expect(isClose(row.actual, actual.reduce(0, +) / Double(members.count)))
            #expect(isClose(row.expected, predicted.reduce(0, +) / Double(members.count)))
            #expect(holdout.contains(Self.row([row.frequency, String(row.customers), NumberText.fixed(row.actual, 4), NumberText.fixed(row.expected, 4),
                                               NumberText.fixed(row.actual - row.expected, 4)])), "holdout table row \(row.frequency)")
        }
        for figure in [repeats, holdout] {
            #expect(figure.components(separatedBy: "<g class=\"series\"").count - 1 == 2, "actual and model series")
            #expect(figure.contains("class=\"legend\"") && figure.contains("class=\"axis-label x-label\"") && figure.contains("<desc id="))
        }
        #expect(holdout.contains("data-series=\"actual (mean)\"") && holdout.contains("data-series=\"model predicted (mean)\""))
        #expect(holdout.contains("90 days"))
    }

    @Test func withoutHoldoutOnlyTheRepeatPurchaseCheck() throws {
        let (path, _) = Self.log()
        let cutoff = Self.start.adding(days: Self.cutoffDay)
        let split = try BGNBDHoldoutSplit.read(.transactionLog(path: path), cutoff: cutoff, holdoutDays: nil)
        #expect(split.holdoutPurchases == nil)
        let (model, _) = try BuyTillYouDieModel.fit(split.calibration, horizonDays: Self.holdoutDays)
        let checks = try split.fitChecks(parameters: model.parameters)
        #expect(checks.calibrationVsHoldout == nil)
        let html = ChurnReport(title: "t", subtitle: "s", sections: [
            BGNBDFitCheckSection(checks: checks, cutoff: cutoff, parameters: model.parameters, isWholeModel: false),
        ]).html()
        #expect(html.contains("id=\"fig-bgnbd-repeat-purchases\""))
        #expect(!html.contains("id=\"fig-bgnbd-holdout\""))
        #expect(html.contains("No calibration-vs-holdout check"))
        #expect(html.contains("the BG/NBD fit inside this model"))
    }
}
