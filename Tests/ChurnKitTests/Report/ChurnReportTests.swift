import Foundation
import Testing
@testable import ChurnKit

struct ChurnReportTests {
    static let hostile = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>", "a&b'c"]

    @Test func escapesMarkupCharacters() {
        #expect(HTMLText.escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(HTMLText.escape("\"><img src=x onerror=alert(2)>") == "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;")
        #expect(HTMLText.escape("a&b'c") == "a&amp;b&#39;c")
        #expect(HTMLText.escape("bell\u{07}tab\tok") == "belltab\tok")
        #expect(HTMLText.identifier("Fig <1>") == "fig--1-")
        for text in Self.hostile {
            let escaped = HTMLText.escape(text)
            #expect(!escaped.contains("<") && !escaped.contains(">") && !escaped.contains("\""))
        }
    }

    /// A labelled table whose column name, levels and ids are markup: the page shows them as
    /// text and holds no tag or attribute made from them.
    static func hostileTableModel() throws -> (ChurnModel, String) {
        var csv = "churn,\"<b>plan</b>\",tenure,id\n"
        var random = SeededGenerator(seed: 3)
        for i in 0..<240 {
            let level = hostile[i % 3].replacingOccurrences(of: "\"", with: "\"\"")
            let tenure = Int(random.next() % 60)
            let churn = (Int(random.next() % 100) < 20 + (i % 3) * 20 + (tenure < 10 ? 20 : 0)) ? "yes" : "no"
            let id = (i < 3 ? hostile[i] : "c\(i)").replacingOccurrences(of: "\"", with: "\"\"")
            csv += "\(churn),\"\(level)\",\(tenure),\"\(id)\"\n"
        }
        let path = TestFiles.write(csv, name: "hostile.csv")
        let recipe = TrainingRecipe(source: .table(path: path, columns: TableColumns(label: "churn", positiveLabel: "yes", id: "id")))
        return (try recipe.fit(recipe.loadData()).model, path)
    }

    static func tableReport(_ model: ChurnModel, path: String) throws -> String {
        let scorer = RiskScorer(model: model)
        let input = try scorer.input(from: .table(path: path))
        let list = RiskList(scored: try scorer.score(input, file: path), modelID: model.modelID, scoredAt: "2026-01-01T00:00:00Z")
        let table = try TrainingRecipe(source: .table(path: path, columns: TableColumns(label: "churn", positiveLabel: "yes", id: "id")))
            .featureTable(for: model).table
        let probabilities = try model.churnProbabilities(model.designMatrix(from: table, file: path))
        let report = ChurnReport(title: "Report <x>", subtitle: "test", sections: [
            ChurnReport.modelSection(for: model),
            EvaluationSection(report: EvaluationReport(labels: table.labels!, probabilities: probabilities), provenance: "in-sample",
                              folds: [.init(fold: 1, trainingRows: 160, testRows: 80, rocAUC: 0.7, logLoss: 0.6, converged: true)]),
            RiskListSection(list: list, scope: "all rows", valueHorizonDays: nil, warnings: ["<i>careful</i>"]),
            RetentionSection(metrics: nil, cohorts: nil, unavailableReason: "Not available for this model: a labelled table."),
        ])
        return report.html()
    }

    @Test func hostileTextStaysText() throws {
        let (model, path) = try Self.hostileTableModel()
        let html = try Self.tableReport(model, path: path)
        let lower = html.lowercased()
        #expect(!lower.contains("<script"))
        #expect(!lower.contains("<img"))
        #expect(!lower.contains("<b>") && !lower.contains("<i>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
        #expect(html.contains("&lt;b&gt;plan&lt;/b&gt;=&lt;script&gt;"), "the one-hot input name is shown escaped")
        #expect(html.contains("<title>Report &lt;x&gt;</title>"))
        // No attribute value carries data: every attribute is one the builders write.
        let attributes = Set(html.matches(of: /\s([a-z-]+)=\"/).map { String($0.1) })
        let allowed: Set<String> = ["lang", "charset", "http-equiv", "content", "name", "href", "id", "class", "xmlns", "role", "viewBox", "width",
                                    "height", "aria-labelledby", "aria-describedby", "aria-label", "font-family", "font-size", "x", "y", "fill",
                                    "stroke", "text-anchor", "font-weight", "transform", "x1", "x2", "y1", "y2", "stroke-width",
                                    "stroke-dasharray", "points", "cx", "cy", "r", "scope", "data-series", "fill-opacity"]
        #expect(attributes.subtracting(allowed).isEmpty, "unexpected attributes \(attributes.subtracting(allowed))")
    }

    /// Every chart: role img, a title and a description referenced by aria attributes, both axis
    /// labels, and its data table.
    @Test func everyChartIsLabelledAndHasItsTable() throws {
        let (model, path) = try Self.hostileTableModel()
        let html = try Self.tableReport(model, path: path)
        let figures = html.components(separatedBy: "<figure class=\"chart\"").dropFirst()
        #expect(figures.count >= 8)
        for figure in figures {
            let body = figure.components(separatedBy: "</figure>")[0]
            let id = try #require(body.firstMatch(of: /aria-labelledby="([a-z0-9-]+)-title"/)?.1)
            #expect(body.contains("role=\"img\""))
            #expect(body.contains("<title id=\"\(id)-title\">") && body.contains("<desc id=\"\(id)-desc\">"))
            #expect(body.contains("aria-describedby=\"\(id)-desc\""))
            #expect(body.firstMatch(of: /<title id="[^"]+">([^<]+)<\/title>/) != nil, "\(id): empty title")
            #expect(body.firstMatch(of: /<desc id="[^"]+">([^<]+)<\/desc>/) != nil, "\(id): empty description")
            #expect(body.firstMatch(of: /class="axis-label x-label"[^>]*>([^<]+)</) != nil, "\(id): no x label")
            #expect(body.contains("class=\"axis-label y-label\""), "\(id): no y label")
            #expect(body.contains("<figcaption>") && body.contains("<table>") && body.contains("<tbody>\n<tr>"), "\(id): no data table")
            #expect(body.contains("class=\"series\""), "\(id): nothing drawn")
            let seriesCount = body.components(separatedBy: "<g class=\"series\"").count - 1
            if seriesCount > 1 { #expect(body.contains("class=\"legend\""), "\(id): several series but no legend") }
        }
    }

    @Test func sectionsForBothModelKinds() throws {
        let (model, path) = try Self.hostileTableModel()
        let table = try Self.tableReport(model, path: path)
        for id in ["model", "evaluation", "risk", "retention"] { #expect(table.contains("<section id=\"\(id)\">")) }
        for chart in ["coefficients", "roc", "precision-recall", "gains", "lift", "calibration", "cv-folds", "bands", "expected-by-decile"] {
            #expect(table.contains("id=\"fig-\(chart)\""), "table report lacks \(chart)")
        }
        #expect(table.contains("Not available for this model"))
        #expect(!table.contains("id=\"fig-cohorts\""))

        // A transaction-log model: retention over time and the cohort heat map, value at risk.
        let log = TestFiles.write("""
        customer_id,date,amount
        a,2024-01-03,10
        a,2024-02-10,12
        b,2024-01-20,5
        c,2024-02-02,7
        c,2024-03-15,9
        a,2024-03-20,11
        d,2024-03-01,4
        """)
        let reader = FeatureSource.transactionLog(path: log)
        let metrics = try RetentionReport.read(reader, period: .month, activeWindowDays: 30)
        let cohorts = try CohortTable.read(reader, period: .month)
        let trained = ChurnModelFileTests.trained
        let scored = [ScoredCustomer(customerID: "<script>alert(1)</script>", row: 0, churnProbability: 0.9, logit: 2.2,
                                     reasons: [ScoreReason(column: "T", value: 300, contribution: 0.5)], expectedSpend: 40),
                      ScoredCustomer(customerID: "b", row: 1, churnProbability: 0.2, logit: -1.4, reasons: [], expectedSpend: 400)]
        let html = ChurnReport(title: "log", subtitle: "test", sections: [
            ChurnReport.modelSection(for: trained),
            RiskListSection(list: RiskList(scored: scored, modelID: "m", scoredAt: "t"), scope: "as of 2024-03-31", valueHorizonDays: 90, warnings: []),
            RetentionSection(metrics: metrics, cohorts: cohorts),
        ]).html()
        for chart in ["coefficients", "objective-history", "bands", "value-by-band", "value-by-decile", "retention-rates", "active-customers",
                      "revenue", "cohorts"] {
            #expect(html.contains("id=\"fig-\(chart)\""), "log report lacks \(chart)")
        }
        #expect(html.contains("Top 2 accounts by value at risk"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script"))
        #expect(html.contains("2024-01") && html.contains("+2"))
    }

    @Test func curveSamplingKeepsEndsAndBoundsCount() {
        let xs = (0...10_000).map { Double($0) / 10_000 }
        let ys = xs.map { $0.squareRoot() }
        let picked = CurveSampling.indices(xs: xs, ys: ys, maxPoints: 21)
        #expect(picked.first == 0 && picked.last == 10_000)
        #expect(picked.count <= 22 && picked.count >= 15)
        #expect(picked == picked.sorted())
        #expect(CurveSampling.indices(xs: [0, .nan, 1], ys: [0, 1, 1], maxPoints: 10) == [0, 2])
    }
}
