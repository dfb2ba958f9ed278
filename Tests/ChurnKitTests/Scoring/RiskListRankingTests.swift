import Foundation
import Testing
@testable import ChurnKit

/// The ranked list without a ``ScoredCustomer`` per row (``RiskScorer/rank(_:file:modelID:scoredAt:bands:)``)
/// against the list built from every scored customer, and the id order's numeric shortcut.
struct RiskListRankingTests {
    let model = ScoringFixtures.cdnowModel

    @Test func rankingWithoutScoredCustomersIsTheSameList() throws {
        let scorer = RiskScorer(model: model)
        let input = try scorer.input(from: .transactionLog(path: TestFiles.cdnow), asOf: CalendarDay(parsing: "1998-03-31")!)
        for bands in [RiskBands.defaultProbability, .defaultRank] {
            let full = RiskList(scored: try scorer.score(input, file: TestFiles.cdnow), modelID: "m", scoredAt: "t", bands: bands)
            let ranked = try scorer.rank(input, file: TestFiles.cdnow, modelID: "m", scoredAt: "t", bands: bands)
            #expect(ranked.count == full.count)
            #expect(ranked.rows == full.rows)   // ids, table rows, probabilities, logits, reasons, spend: all equal
            #expect(ranked.bandCounts == full.bandCounts)
            #expect(ranked.totalValueAtRisk() == full.totalValueAtRisk())
            let folder = TestFiles.temporaryFolder()
            let selection = OutreachSelection(budget: .init(total: 500, contactCost: 2, saveRate: 0.2)).select(ranked)
            #expect(selection == OutreachSelection(budget: .init(total: 500, contactCost: 2, saveRate: 0.2)).select(full))
            for format in TableFormat.allCases {
                try full.write(to: folder + "/full", format: format, segments: try RFMSegments(input.table))
                try ranked.write(to: folder + "/ranked", format: format, segments: try RFMSegments(input.table))
                #expect(TestFiles.read(folder + "/full") == TestFiles.read(folder + "/ranked"))
                try ranked.write(to: folder + "/selected", format: format, selection: selection)
                #expect(TestFiles.read(folder + "/selected").split(separator: "\n").count == selection.indices.count + (format == .csv ? 1 : 0))
            }
        }
    }

    @Test func topByValueAtRiskIsThePrefixOfTheFullSort() {
        var generator = SystemRandomNumberGenerator()
        // Few distinct values and some customers without one: many ties.
        let scored = (0..<400).map { i in
            ScoringFixtures.customer(String(i), Double(Int.random(in: 1...9, using: &generator)) / 10,
                                     spend: Int.random(in: 0...5, using: &generator) == 0 ? nil : Double(Int.random(in: 0...6, using: &generator)))
        }
        let list = RiskList(scored: scored, modelID: "m", scoredAt: "t")
        let some = (0..<list.count).filter { _ in Bool.random(using: &generator) }
        for missing in [-Double.infinity, 0] {
            for among in [nil, some] {
                let all = (among ?? Array(0..<list.count)).sorted { a, b in
                    let x = list.valueAtRisk(at: a) ?? missing, y = list.valueAtRisk(at: b) ?? missing
                    return x != y ? x > y : a < b
                }
                for count in [0, 1, 10, 1000] {
                    #expect(list.topByValueAtRisk(count, among: among, missing: missing) == Array(all.prefix(count)))
                }
            }
        }
    }

    @Test func idOrderShortcutAgreesWithCustomerIDOrder() {
        var generator = SystemRandomNumberGenerator()
        let pool = ["0", "00", "7", "007", "07", "10", "9", "999999999999999999", "1000000000000000000", "0000000000000000000001",
                    "18446744073709551616", "99999999999999999999", "a", "A", "1a", "", " 1", "é", "10"]
        var ids = pool
        for _ in 0..<3000 {
            let digits = Int.random(in: 1...22, using: &generator)
            ids.append(String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) }))
            ids.append(String(Int.random(in: 0...50, using: &generator)))
            ids.append(pool.randomElement(using: &generator)! + (Bool.random(using: &generator) ? "" : "x"))
        }
        // Few distinct probabilities, so most comparisons are ties broken by id.
        let probabilities = ids.map { _ in Double(Int.random(in: 0...3, using: &generator)) / 4 }
        let order = RiskList.rankOrder(probabilities: probabilities, customerIDs: ids)
        let expected = ids.indices.sorted { a, b in
            if probabilities[a] != probabilities[b] { return probabilities[a] > probabilities[b] }
            return CustomerIDOrder.precedes(ids[a], ids[b])
        }
        // Equal ids may come in either order; their texts may not.
        #expect(order.map { ids[$0] } == expected.map { ids[$0] })
        #expect(order.map { probabilities[$0] } == expected.map { probabilities[$0] })
        #expect(CustomerIDOrder.numericKey("007") == 7 && CustomerIDOrder.numericKey("") == CustomerIDOrder.noNumericKey)
        #expect(CustomerIDOrder.numericKey("1000000000000000000") == CustomerIDOrder.noNumericKey)   // 19 digits
        #expect(CustomerIDOrder.numericKey("000999999999999999999") == 999_999_999_999_999_999)
    }
}

/// Features as of the last date in one pass: the guess from the log's tail and its check.
struct LastDayGuessTests {
    /// A log in date order whose last rows are dated `lastDates`.
    static func log(rows: [(String, String, String)]) -> String {
        TestFiles.write("customer_id,date,amount\n" + rows.map { "\($0.0),\($0.1),\($0.2)\n" }.joined())
    }

    static let sorted: [(String, String, String)] = [
        ("a", "2024-01-03", "10"), ("b", "2024-02-01", "5.5"), ("a", "2024-03-10", "7"), ("c", "2024-05-20", "1"),
        ("b", "2024-06-01", "3"), ("a", "2024-06-29", "2"), ("c", "2024-06-30", "4"),
    ]

    /// The table built with no cut-off must equal the one built with the last date given.
    func expectSameAsExplicitCutoff(_ path: String, last: String) throws {
        let builder = TransactionFeatureBuilder(referenceGapDays: 30)
        let implicit = try builder.build(path: path, cutoff: nil, horizonDays: nil)
        let explicit = try builder.build(path: path, cutoff: CalendarDay(parsing: last)!, horizonDays: nil)
        #expect(implicit.window.cutoff == CalendarDay(parsing: last)!)
        #expect(implicit.table.customerIDs == explicit.table.customerIDs)
        #expect(implicit.table.values.map(\.bitPattern) == explicit.table.values.map(\.bitPattern))
        #expect(implicit.ingestion.rowsRead == explicit.ingestion.rowsRead)
        #expect(implicit.ingestion.lastDay == explicit.ingestion.lastDay)
    }

    @Test func aLogInDateOrderIsGuessedFromItsTail() throws {
        let path = Self.log(rows: Self.sorted)
        #expect(LastDayGuess.fromTail(path: path, columns: TransactionColumns()) == CalendarDay(parsing: "2024-06-30")!.daysSinceEpoch)
        try expectSameAsExplicitCutoff(path, last: "2024-06-30")
    }

    @Test func aWrongGuessIsRebuiltWithTheTrueLastDate() throws {
        // The tail (the last 64 KiB) is in date order, but a row before it is later than all of it.
        let start = CalendarDay(parsing: "2024-01-01")!.daysSinceEpoch
        let many = (0..<4000).map { i in
            ("c\(i % 97)", CalendarDay(daysSinceEpoch: start + Int32(i * 181 / 4000)).description, "\(i % 13).5")
        }
        let path = Self.log(rows: [("z", "2024-12-31", "9")] + many + [("a", "2024-06-30", "2")])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count > LastDayGuess.tailBytes)
        #expect(LastDayGuess.fromTail(path: path, columns: TransactionColumns()) == CalendarDay(parsing: "2024-06-30")!.daysSinceEpoch)
        try expectSameAsExplicitCutoff(path, last: "2024-12-31")
    }

    @Test func noGuessWithoutATailInDateOrder() throws {
        // By customer, then date (CDNOW's layout): the tail goes back in time.
        #expect(LastDayGuess.fromTail(path: TestFiles.cdnow, columns: TransactionColumns()) == nil)
        let shuffled = Self.log(rows: [Self.sorted[6], Self.sorted[0], Self.sorted[5], Self.sorted[1]])
        #expect(LastDayGuess.fromTail(path: shuffled, columns: TransactionColumns()) == nil)
        try expectSameAsExplicitCutoff(shuffled, last: "2024-06-30")
        // One row is not enough to call it sorted; a missing date column, a gzip file: no guess.
        #expect(LastDayGuess.fromTail(path: Self.log(rows: [Self.sorted[0]]), columns: TransactionColumns()) == nil)
        #expect(LastDayGuess.fromTail(path: Self.log(rows: Self.sorted), columns: TransactionColumns(date: "day")) == nil)
        let gzip = TestFiles.temporaryFolder() + "/log.csv.gz"
        try Data([0x1F, 0x8B, 0x08, 0x00, 0x0A]).write(to: URL(fileURLWithPath: gzip))
        #expect(LastDayGuess.fromTail(path: gzip, columns: TransactionColumns()) == nil)
    }

    @Test func badRowsAreReportedOnceWhenTheGuessIsWrong() throws {
        let rows = [("z", "2024-12-31", "9"), ("y", "not a date", "1")] + Self.sorted
        let path = Self.log(rows: rows)
        let rejects = TestFiles.temporaryFolder() + "/rejects.csv"
        var builder = TransactionFeatureBuilder(badRows: .skip, rejectsPath: rejects, referenceGapDays: 30)
        let result = try builder.build(path: path, cutoff: nil, horizonDays: nil)
        #expect(result.window.cutoff == CalendarDay(parsing: "2024-12-31")!)
        #expect(result.ingestion.rowsSkipped == 1)
        #expect(TestFiles.read(rejects).split(separator: "\n").count == 2)
        builder.rejectsPath = nil
        let explicit = try builder.build(path: path, cutoff: CalendarDay(parsing: "2024-12-31")!, horizonDays: nil)
        #expect(result.table.values.map(\.bitPattern) == explicit.table.values.map(\.bitPattern))
    }
}
