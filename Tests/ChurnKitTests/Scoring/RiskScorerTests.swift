import Foundation
import Testing
@testable import ChurnKit

struct RiskScorerTests {
    let model = ScoringFixtures.cdnowModel
    let asOf = CalendarDay(parsing: "1998-03-31")!

    @Test func reasonsAndContributionsSumWithTheInterceptToTheLogit() throws {
        let scorer = RiskScorer(model: model)
        let input = try scorer.input(from: .transactionLog(path: TestFiles.cdnow), asOf: asOf)
        let scored = try scorer.score(input, file: TestFiles.cdnow)
        let design = try model.designMatrix(from: input.table, file: TestFiles.cdnow)
        let contributions = model.contributions(design)
        let reference = model.churnProbabilities(design)
        let p = design.columns
        #expect(scored.count == input.table.rowCount)
        for (i, customer) in scored.enumerated() {
            let row = Array(contributions.values[(i * p)..<((i + 1) * p)])
            let logit = model.intercept.standardized + row.reduce(0, +)
            #expect(isClose(customer.logit, logit, absolute: 1e-12, relative: 1e-12))
            #expect(customer.churnProbability == reference[i])
            #expect(isClose(log(customer.churnProbability / (1 - customer.churnProbability)), customer.logit, absolute: 1e-9, relative: 1e-9))
            // The reasons are the three largest positive contributions, largest first.
            let expected = row.enumerated().filter { $0.element > 0 }.sorted { $0.element > $1.element }.prefix(3)
            #expect(customer.reasons.map(\.contribution) == expected.map(\.element))
            #expect(customer.reasons.map(\.column) == expected.map { model.inputs[$0.offset].column })
            if i > 500 { break }
        }
        // Reasons: the raw feature values, untransformed (log1p(monetary_total) shows monetary_total).
        let withMoney = try #require(scored.first { $0.reasons.contains { $0.column == "monetary_total" } })
        let reason = withMoney.reasons.first { $0.column == "monetary_total" }!
        #expect(reason.value == input.table[withMoney.row, input.table.columnNames.firstIndex(of: "monetary_total")!])
    }

    @Test func reasonTextIsForAPerson() {
        #expect(ScoreReason(column: "days_since_last", value: 214, contribution: 1.3149).text == "days_since_last=214 (+1.31)")
        #expect(ScoreReason(column: "monetary_total", value: 12.345, contribution: 0.004).text == "monetary_total=12.35 (+0.00)")
        #expect(ScoreReason(column: "spend_trend_90d", value: -0.5, contribution: -0.25).text == "spend_trend_90d=-0.50 (-0.25)")
        #expect(ScoreReasons.top([0.5, -1, 2, 0.5, 0.1, 3], count: 3) == [5, 2, 0])
        #expect(ScoreReasons.top([-1, 0, -2], count: 3) == [])
        #expect(ScoreReasons.top([0.2, 0.1], count: 3) == [0, 1])
    }

    @Test func valueAtRiskFormula() {
        // Repeat buyer: rate (3 + 1)/(99 + 1) = 0.04 per day; spend 25 per purchase day; H = 100 → 100.
        #expect(isClose(ValueAtRisk.expectedSpend(frequency: 3, T: 99, monetaryValue: 25, monetaryTotal: 90, horizonDays: 100), 100))
        // One-time buyer: rate 1/(T + 1), their total spend per purchase day: 1/50 · 40 · 100 = 80.
        #expect(isClose(ValueAtRisk.expectedSpend(frequency: 0, T: 49, monetaryValue: 0, monetaryTotal: 40, horizonDays: 100), 80))
        // Refunds never make value negative.
        #expect(ValueAtRisk.expectedSpend(frequency: 1, T: 9, monetaryValue: -5, monetaryTotal: 0, horizonDays: 10) == 0)
        #expect(isClose(ValueAtRisk.expectedSpend(monthlyCharge: 60, horizonDays: 365), 730))
        let customer = ScoredCustomer(customerID: "1", row: 0, churnProbability: 0.25, logit: 0, reasons: [], expectedSpend: 80)
        #expect(customer.valueAtRisk == 20)
    }

    @Test func transactionInputReplaysTheModelsReferenceGapAndHorizon() throws {
        let input = try RiskScorer(model: model).input(from: .transactionLog(path: TestFiles.cdnow), asOf: nil)
        #expect(input.asOf == CalendarDay(parsing: "1998-06-30"))
        #expect(input.valueHorizonDays == 273)
        let direct = try TransactionFeatureBuilder(referenceGapDays: model.featureSpec.transactions!.referenceGapDays)
            .build(path: TestFiles.cdnow, cutoff: nil, horizonDays: nil)
        #expect(input.table.values == direct.table.values)
        #expect(input.table.labels == nil)
        #expect(input.expectedSpend!.allSatisfy { $0 >= 0 && $0.isFinite })
    }

    @Test func refusesAMismatchListingTheDifference() throws {
        let scorer = RiskScorer(model: model)
        // A feature table without two of the model's columns.
        let table = FeatureTable(columnNames: ["frequency", "recency", "T", "days_since_last", "monetary_total"], customerIDs: ["1"],
                                 values: [1, 2, 3, 4, 5])
        #expect(throws: ModelInputMismatch(file: "f.csv", missing: ["overdue_ratio", "purchases_90d"], extra: [])) {
            try scorer.score(table, expectedSpend: nil, file: "f.csv")
        }
        // A table given to a transaction model: the log columns it lacks, and what it has instead.
        let path = TestFiles.write("customer_id,when,amount,plan\n1,1997-01-01,3,a\n", name: "other.csv")
        do {
            _ = try scorer.input(from: .transactionLog(path: path), asOf: nil)
            Issue.record("expected a mismatch")
        } catch let mismatch as ModelInputMismatch {
            #expect(mismatch.missing == ["date"])
            #expect(mismatch.extra == ["when", "plan"])
            #expect(mismatch.description.contains("missing: date"))
        }
        // A transaction log given to a table model: the encoded columns it lacks.
        let telco = RiskScorer(model: ScoringFixtures.telco.model)
        do {
            _ = try telco.input(from: .table(path: TestFiles.cdnow))
            Issue.record("expected a mismatch")
        } catch let mismatch as ModelInputMismatch {
            #expect(mismatch.missing.contains("tenure") && mismatch.missing.contains("contract"))
            #expect(mismatch.extra == ["customer_id", "date", "quantity", "amount"])
        }
        #expect(throws: ModelInputMismatch.self) { try scorer.input(from: .table(path: path)) }
    }

    @Test func scoresATableModelWithAValueColumn() throws {
        let (telcoModel, path) = ScoringFixtures.telco
        let scorer = RiskScorer(model: telcoModel)
        let input = try scorer.input(from: .table(path: path), valueColumn: "monthly_charges", valueHorizonDays: 30)
        let scored = try scorer.score(input, file: path)
        #expect(scored.count == 7043)
        #expect(scored[0].customerID == "c1")
        #expect(isClose(scored[0].expectedSpend!, 29.85)) // first row: monthly_charges 29.85, H = 30 days
        let design = try telcoModel.designMatrix(from: input.table, file: path)
        #expect(scored.map(\.churnProbability) == telcoModel.churnProbabilities(design))
        #expect(try scorer.input(from: .table(path: path)).expectedSpend == nil)
    }

    @Test func rerunsAreByteIdentical() throws {
        let scorer = RiskScorer(model: model)
        let folder = TestFiles.temporaryFolder()
        for format in TableFormat.allCases {
            var files: [String] = []
            for run in 0..<2 {
                let input = try scorer.input(from: .transactionLog(path: TestFiles.cdnow), asOf: asOf)
                let list = RiskList(scored: try scorer.score(input, file: TestFiles.cdnow), modelID: model.modelID,
                                    scoredAt: "2026-01-31T02:00:00Z")
                let path = folder + "/risk\(run).\(format.rawValue)"
                try list.write(to: path, format: format, segments: try RFMSegments(input.table))
                files.append(path)
            }
            let first = try Data(contentsOf: URL(fileURLWithPath: files[0])), second = try Data(contentsOf: URL(fileURLWithPath: files[1]))
            #expect(first == second)
            #expect(first.count > 100_000)
        }
    }

    @Test func writtenListHasTheDocumentedColumns() throws {
        let list = RiskList(scored: [
            ScoredCustomer(customerID: "7", row: 0, churnProbability: 0.75, logit: 1.0986, reasons: [
                ScoreReason(column: "days_since_last", value: 214, contribution: 1.31),
                ScoreReason(column: "frequency", value: 0, contribution: 0.2),
            ], expectedSpend: 40),
            ScoredCustomer(customerID: "a,b", row: 1, churnProbability: 0.25, logit: -1.0986, reasons: [], expectedSpend: nil),
        ], modelID: "cdnow-0123", scoredAt: "2026-01-31T02:00:00Z")
        let folder = TestFiles.temporaryFolder()
        try list.write(to: folder + "/r.csv", format: .csv)
        #expect(TestFiles.read(folder + "/r.csv") == """
        rank,customer_id,churn_probability,decile,risk_band,reason_1,reason_2,reason_3,expected_value_at_risk,model_id,scored_at
        1,7,0.75,5,high,days_since_last=214 (+1.31),frequency=0 (+0.20),,30.00,cdnow-0123,2026-01-31T02:00:00Z
        2,"a,b",0.25,10,low,,,,,cdnow-0123,2026-01-31T02:00:00Z

        """)
        try list.write(to: folder + "/r.jsonl", format: .jsonl, selection: OutreachSelection(budget: .init(total: 10, contactCost: 1, saveRate: 0.5)).select(list))
        #expect(TestFiles.read(folder + "/r.jsonl") == """
        {"rank":1,"customer_id":"7","churn_probability":0.75,"decile":5,"risk_band":"high","reason_1":"days_since_last=214 (+1.31)","reason_2":"frequency=0 (+0.20)","reason_3":null,"expected_value_at_risk":30.00,"model_id":"cdnow-0123","scored_at":"2026-01-31T02:00:00Z","expected_net_gain":14.00}

        """)
    }
}
