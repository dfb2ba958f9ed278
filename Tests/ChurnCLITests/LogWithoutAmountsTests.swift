import Foundation
import Testing
@testable import ChurnCLI
import ChurnKit

/// A log without an amount column (lifetimes' `example_transactions.csv`: `date,id`) is read with
/// `--amount-column none`: the monetary features are left out, the model file records it, and
/// everything computed from amounts is n/a or refused, never a made-up zero.
struct LogWithoutAmountsTests {
    static let log = "datasets/lifetimes/example_transactions.csv"
    static let options = ["--customer-column", "id", "--amount-column", "none"]
    static let split = ["--cutoff", "2014-09-30", "--horizon", "92"]

    @Test func aMissingAmountColumnSaysHowToReadTheLog() throws {
        let run = try ChurnBinary.run(["features", Self.log, "--customer-column", "id"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("no amount column 'amount'"))
        #expect(run.stderr.contains("--amount-column none"))
    }

    @Test func featuresLeaveOutTheMonetaryColumnsAndKeepTheOthersBitForBit() throws {
        let folder = ChurnBinary.temporaryFolder()
        let with = try ChurnBinary.run(["features", "datasets/cdnow/transactions.csv", "--cutoff", "1997-09-30", "--horizon", "273",
                                        "--output", folder + "/with.csv"])
        let without = try ChurnBinary.run(["features", "datasets/cdnow/transactions.csv", "--cutoff", "1997-09-30", "--horizon", "273",
                                           "--amount-column", "none", "--output", folder + "/without.csv"])
        #expect(with.status == 0 && without.status == 0, "\(with.stderr)\(without.stderr)")
        let full = try RawTable.read(path: folder + "/with.csv"), reduced = try RawTable.read(path: folder + "/without.csv")
        let kept = TransactionFeature.available(withAmounts: false).map(\.name)
        #expect(kept.count == 10)
        #expect(reduced.header == ["customer_id"] + kept + ["is_churn"])
        #expect(!reduced.header.contains { name in TransactionFeature(rawValue: name)?.isMonetary ?? false })
        #expect(reduced.rowCount == full.rowCount)
        for name in ["customer_id"] + kept + ["is_churn"] {
            let a = try full.columnIndex(name), b = try reduced.columnIndex(name)
            #expect(full.cells.map { $0[a] } == reduced.cells.map { $0[b] }, "\(name)")
        }
    }

    @Test func trainRecordsNoAmountsAndScoreLeavesValueAtRiskBlank() throws {
        let folder = ChurnBinary.temporaryFolder()
        let model = folder + "/model.json"
        let train = try ChurnBinary.run(["train", "--terms", "linear", Self.log] + Self.options + Self.split + ["--output", model])
        #expect(train.status == 0, "\(train.stderr)")
        let loaded = try ChurnModel.load(path: model)
        #expect(loaded.featureSpec.transactions?.columns.amount == nil)
        #expect(loaded.inputs.map(\.column) == TransactionFeature.available(withAmounts: false).map(\.name))
        let text = try String(contentsOfFile: model, encoding: .utf8)
        #expect(text.contains("\"amount\" : null"))
        // The model's stored columns are used: no column flags needed to score.
        let scores = folder + "/scores.csv"
        let score = try ChurnBinary.run(["score", "--model", model, Self.log, "--output", scores])
        #expect(score.status == 0, "\(score.stderr)")
        #expect(score.stdout.contains("value at risk    n/a (the model's log has no amounts)"))
        let table = try RawTable.read(path: scores)
        #expect(table.rowCount == 5000)
        let value = try table.columnIndex("expected_value_at_risk")
        #expect(table.cells.allSatisfy { $0[value].isEmpty })
    }

    @Test func monetaryInputsAndRevenueCohortsAreRefused() throws {
        let folder = ChurnBinary.temporaryFolder()
        let train = try ChurnBinary.run(["train", "--terms", "linear", Self.log] + Self.options + Self.split
                                        + ["--features", "frequency,log1p(monetary_value)", "--output", folder + "/m.json"])
        #expect(train.status == 3)
        #expect(train.stderr.contains("'monetary_value' is computed from amounts"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/m.json"))
        let cohorts = try ChurnBinary.run(["cohorts", Self.log] + Self.options + ["--measure", "revenue"])
        #expect(cohorts.status == 2)
        #expect(cohorts.stderr.contains("--measure revenue needs amounts"))
    }

    @Test func metricsShowRevenueAsUnknown() throws {
        let run = try ChurnBinary.run(["metrics", Self.log] + Self.options + ["--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let january = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(january[header.firstIndex(of: "orders")!] == "1050")
        for column in ["average_order_value", "revenue", "revenue_churn", "net_revenue_retention", "predicted_clv"] {
            let cell = january[header.firstIndex(of: column)!]
            #expect(Double(cell) == nil, "\(column) = \(cell)")
        }
    }

    @Test func bgnbdFitsWithoutAmountsAndTheSQLExportReadsNoAmountColumn() throws {
        let folder = ChurnBinary.temporaryFolder()
        let model = folder + "/bgnbd.json"
        let train = try ChurnBinary.run(["train", Self.log] + Self.options + Self.split + ["--kind", "bgnbd", "--output", model])
        #expect(train.status == 0, "\(train.stderr)")
        let loaded = try ChurnModel.load(path: model)
        #expect(loaded.bgnbd != nil && loaded.bgnbd?.gammaGamma == nil)
        let clv = try ChurnBinary.run(["score", "--model", model, Self.log, "--with-clv"])
        #expect(clv.status == 3)
        #expect(clv.stderr.contains("computed from amounts"))
        let logistic = folder + "/logistic.json"
        #expect(try ChurnBinary.run(["train", "--terms", "linear", Self.log] + Self.options + Self.split + ["--output", logistic]).status == 0)
        let sql = try ChurnBinary.run(["sql", "--model", logistic, "--dialect", "duckdb"])
        #expect(sql.status == 0, "\(sql.stderr)")
        #expect(sql.stdout.contains("0e0 AS amount"))
        #expect(!sql.stdout.contains("\"amount\""))
        #expect(!sql.stdout.contains("AS monetary_value") && !sql.stdout.contains("AS spend_trend_90d"))
    }

    @Test func columnsWithoutAmountsRoundTripAndOldFilesStillName() throws {
        let none = TransactionColumns(customer: "id", amount: nil)
        let data = try JSONEncoder().encode(none)
        #expect(String(decoding: data, as: UTF8.self).contains("\"amount\":null"))
        #expect(try JSONDecoder().decode(TransactionColumns.self, from: data) == none)
        let old = Data(#"{"customer":"customer_id","date":"date","amount":"spend"}"#.utf8)
        #expect(try JSONDecoder().decode(TransactionColumns.self, from: old).amount == "spend")
        #expect(try ChurnCommand.parseAsRoot(["features", "x.csv", "--amount-column", "none"]) is FeaturesCommand)
    }

    @Test func theReportLeavesOutTheRevenueChart() throws {
        let folder = ChurnBinary.temporaryFolder()
        let model = folder + "/model.json"
        #expect(try ChurnBinary.run(["train", "--terms", "linear", Self.log] + Self.options + Self.split + ["--output", model]).status == 0)
        let run = try ChurnBinary.run(["report", "--model", model, Self.log, "--output", folder + "/report.html"])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
        #expect(html.contains("fig-retention-rates"))
        #expect(!html.contains("fig-revenue"))
        #expect(html.contains("no amounts in the log"))
    }
}
