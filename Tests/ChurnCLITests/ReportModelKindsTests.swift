import Foundation
import Testing

/// `churn report` shows each model kind in its own words: an additive model's term importance and
/// shapes, a BG/NBD model's parameters and fit checks, never an empty coefficient chart.
struct ReportModelKindsTests {
    func run(_ arguments: [String]) throws -> ChurnBinary.Run {
        let result = try ChurnBinary.run(arguments)
        #expect(result.status == 0, "churn \(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    @Test func additiveModelReportShowsTermsAndShapes() throws {
        let folder = ChurnBinary.temporaryFolder()
        _ = try run(["train", "datasets/telco/wa_churn.csv", "--label", "churn", "--positive", "Yes", "--terms", "additive",
                     "--max-bins", "16", "--roughness", "10", "--output", folder + "/m.json", "--quiet"])
        _ = try run(["report", "--model", folder + "/m.json", "datasets/telco/wa_churn.csv", "--label", "churn", "--positive", "Yes",
                     "--output", folder + "/r.html", "--quiet"])
        let html = try String(contentsOfFile: folder + "/r.html", encoding: .utf8)
        #expect(html.contains("additive logistic regression"))
        #expect(html.contains("id=\"fig-term-importance\""))
        #expect(html.components(separatedBy: "Shape of ").count - 1 >= 4)
        #expect(!html.contains("id=\"fig-coefficients\""), "no linear coefficient chart for an additive model")
        for chart in ["term-importance", "roc"] {
            #expect(html.contains("aria-labelledby=\"\(chart)-title\" aria-describedby=\"\(chart)-desc\""), "\(chart) has a title and a description")
        }
    }

    @Test func bgnbdModelReportShowsItsParameters() throws {
        let folder = ChurnBinary.temporaryFolder()
        _ = try run(["train", "datasets/cdnow/transactions.csv", "--cutoff", "1997-09-30", "--horizon", "273", "--kind", "bgnbd",
                     "--output", folder + "/b.json", "--quiet"])
        _ = try run(["report", "--model", folder + "/b.json", "datasets/cdnow/transactions.csv", "--cutoff", "1997-09-30",
                     "--output", folder + "/r.html", "--quiet"])
        let html = try String(contentsOfFile: folder + "/r.html", encoding: .utf8)
        #expect(html.contains("BG/NBD (Fader, Hardie and Lee 2005)"))
        #expect(html.contains("Fitted parameters"))
        #expect(!html.contains("id=\"fig-coefficients\""))
        // The fit checks at the cut-off, the holdout being the model's 273 days (CDNOW's numbers
        // as churn evaluate --fit-checks and lifetimes give them).
        #expect(html.contains("<section id=\"fit-checks\">") && html.contains("<a href=\"#fit-checks\">BG/NBD fit checks</a>"))
        for chart in ["bgnbd-repeat-purchases", "bgnbd-holdout"] {
            #expect(html.contains("id=\"fig-\(chart)\""), "\(chart) drawn")
            #expect(html.contains("aria-labelledby=\"\(chart)-title\" aria-describedby=\"\(chart)-desc\""))
        }
        #expect(html.contains("<tr><td>0</td><td class=\"num\">14119</td><td class=\"num\">14058.9</td>"), "customers with no repeat purchase")
        #expect(html.contains("<tr><td>7+</td><td class=\"num\">636</td><td class=\"num\">6.5912</td><td class=\"num\">6.4685</td>"),
                "mean holdout purchases of the most frequent buyers")
        #expect(html.contains("Calibration vs holdout purchases (273 days)"))
    }

    /// A logistic model with bgnbd_* inputs carries a BG/NBD fit: the report checks it too; a
    /// logistic model without one has no fit-check section.
    @Test func logisticModelWithBGNBDInputsReportsItsFitChecks() throws {
        let folder = ChurnBinary.temporaryFolder()
        let data = ["datasets/cdnow/transactions.csv", "--cutoff", "1997-09-30", "--horizon", "273"]
        _ = try run(["train", "--terms", "linear"] + data + ["--features", "frequency,recency,T,bgnbd_p_alive", "--output", folder + "/m.json", "--quiet"])
        _ = try run(["report", "--model", folder + "/m.json"] + data + ["--output", folder + "/r.html", "--quiet"])
        let html = try String(contentsOfFile: folder + "/r.html", encoding: .utf8)
        #expect(html.contains("id=\"fig-coefficients\""))
        #expect(html.contains("id=\"fig-bgnbd-repeat-purchases\"") && html.contains("id=\"fig-bgnbd-holdout\""))
        #expect(html.contains("the BG/NBD fit inside this model"))
        _ = try run(["train", "--terms", "linear"] + data + ["--features", "frequency,recency,T", "--output", folder + "/plain.json", "--quiet"])
        _ = try run(["report", "--model", folder + "/plain.json"] + data + ["--output", folder + "/plain.html", "--quiet"])
        let plain = try String(contentsOfFile: folder + "/plain.html", encoding: .utf8)
        #expect(!plain.contains("fit-checks") && !plain.contains("fig-bgnbd"))
    }
}
