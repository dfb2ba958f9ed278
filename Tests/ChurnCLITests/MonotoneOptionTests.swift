import Foundation
import Testing
import ChurnKit
@testable import ChurnCLI

/// `--monotone INPUT=+|-`: parsing, the errors a person can make, and a constrained model end to end.
struct MonotoneOptionTests {
    @Test func parsesRepeatedAndCommaSeparatedValues() throws {
        let options = try TermOptions.parse(["--terms", "additive", "--monotone", "tenure=-,monthly_charges=+", "--monotone", "contract=One year=+"])
        let constraints = try options.monotoneConstraints()
        #expect(constraints == ["tenure": .decreasing, "monthly_charges": .increasing, "contract=One year": .increasing])
        let settings = try #require(options.additiveSettings(seed: 0, maxIterations: 100, solver: nil))
        #expect(settings.monotone == constraints)
        #expect(try TermOptions.parse(["--terms", "additive"]).additiveSettings(seed: 0, maxIterations: 100, solver: nil)?.monotone.isEmpty == true)
    }

    @Test func refusesBadValuesAndTheLinearModel() {
        for arguments in [["--terms", "linear", "--monotone", "tenure=+"],
                          ["--terms", "additive", "--monotone", "tenure"],     // no direction
                          ["--terms", "additive", "--monotone", "tenure=up"],  // unknown direction
                          ["--terms", "additive", "--monotone", "=+"],         // no input
                          ["--terms", "additive", "--monotone", "tenure=+,tenure=-"]] {
            #expect(throws: (any Error).self, "\(arguments)") { _ = try TermOptions.parse(arguments) }
        }
        do { _ = try TermOptions.parse(["--terms", "linear", "--monotone", "tenure=+"]) } catch {
            #expect(TermOptions.message(for: error).contains("--terms additive"))
        }
    }

    @Test func trainExplainAndErrorsEndToEnd() throws {
        let folder = ChurnBinary.temporaryFolder()
        let base = ["train", "datasets/telco/wa_churn.csv", "--label", "churn", "--positive", "Yes", "--terms", "additive",
                    "--max-bins", "16", "--roughness", "10", "--quiet"]
        let trained = try ChurnBinary.run(base + ["--monotone", "tenure=-", "--output", folder + "/m.json"])
        #expect(trained.status == 0, "\(trained.stderr)")
        let explained = try ChurnBinary.run(["explain", "--model", folder + "/m.json"])
        #expect(explained.status == 0)
        #expect(explained.stdout.contains("tenure (monotone decreasing)"))
        let csv = try ChurnBinary.run(["explain", "--model", folder + "/m.json", "--format", "csv"]).stdout.split(separator: "\n")
        #expect(csv.first == "rank,term,importance,cell,range,contribution,rows,monotone")
        #expect(csv.contains { $0.contains(",tenure,") && $0.hasSuffix(",decreasing") })
        #expect(csv.contains { $0.contains(",monthly_charges,") && $0.hasSuffix(",") })
        let jsonl = try ChurnBinary.run(["explain", "--model", folder + "/m.json", "--format", "jsonl"]).stdout
        #expect(jsonl.contains("\"term\":\"tenure\"") && jsonl.contains("\"monotone\":\"decreasing\"") && jsonl.contains("\"monotone\":null"))
        // The stored shape never rises along tenure's bins.
        let model = try ChurnModel.load(path: folder + "/m.json")
        let tenure = try #require(model.terms?.terms.first { $0.name == "tenure" })
        #expect(tenure.monotone == .decreasing)
        let bins = Array(tenure.contributions.dropFirst())
        #expect((1..<bins.count).allSatisfy { bins[$0] <= bins[$0 - 1] }, "\(bins)")

        let categorical = try ChurnBinary.run(base + ["--monotone", "contract=+", "--output", folder + "/c.json"])
        #expect(categorical.status == 2)
        #expect(categorical.stderr.contains("--monotone") && categorical.stderr.contains("categorical"), "\(categorical.stderr)")
        let unknown = try ChurnBinary.run(base + ["--monotone", "days_since_last=+", "--output", folder + "/u.json"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--monotone: days_since_last=+") && unknown.stderr.contains("tenure"), "\(unknown.stderr)")
        let linear = try ChurnBinary.run(["train", "--terms", "linear", "datasets/telco/wa_churn.csv", "--label", "churn", "--positive", "Yes",
                                          "--monotone", "tenure=-", "--output", folder + "/l.json", "--quiet"])
        #expect(linear.status != 0 && linear.stderr.contains("--monotone needs --terms additive"), "\(linear.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/c.json") && !FileManager.default.fileExists(atPath: folder + "/l.json"))
    }
}
