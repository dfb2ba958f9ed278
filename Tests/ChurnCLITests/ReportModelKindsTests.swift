import Foundation
import Testing

/// `churn report` shows each model kind in its own words: an additive model's term importance and
/// shapes, a BG/NBD model's parameters, never an empty coefficient chart.
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
    }
}
