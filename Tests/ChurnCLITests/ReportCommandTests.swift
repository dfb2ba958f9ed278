import Foundation
import Testing
@testable import ChurnCLI

struct ReportCommandTests {
    /// End to end on the telco model: one file, every section, the retention section saying why
    /// it is empty, nothing left behind but the report.
    @Test func writesTheTableModelReport() throws {
        let folder = ChurnBinary.temporaryFolder()
        let path = folder + "/telco.html"
        let run = try ChurnBinary.run(["report", "--model", "models/telco.json", "datasets/telco/wa_churn.csv",
                                       "--value-column", "monthly_charges", "--output", path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "wrote \(path)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["telco.html"])
        let html = try String(contentsOfFile: path, encoding: .utf8)
        for id in ["model", "evaluation", "risk", "retention"] { #expect(html.contains("<section id=\"\(id)\">")) }
        #expect(html.contains("id=\"fig-value-by-band\"") && html.contains("Top 15 accounts by value at risk"))
        #expect(html.contains("trained on a labelled table"))
        #expect(html.contains("in-sample and optimistic"))
        #expect(!html.lowercased().contains("<script"))
        #expect(html.components(separatedBy: "http://").count - 1 == html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1,
                "the only URL is the SVG namespace")
        #expect(html.components(separatedBy: "https://").count == 1, "no external resource")
    }

    @Test func refusesOptionsOfTheOtherModelKind() throws {
        let run = try ChurnBinary.run(["report", "--model", "models/telco.json", "datasets/telco/wa_churn.csv", "--as-of", "1998-01-01",
                                       "--output", ChurnBinary.temporaryFolder() + "/x.html"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("--as-of is for transaction models"))
        let missing = try ChurnBinary.run(["report", "--model", ChurnBinary.temporaryFolder() + "/none.json", "datasets/telco/wa_churn.csv"])
        #expect(missing.status == 5)
    }
}
