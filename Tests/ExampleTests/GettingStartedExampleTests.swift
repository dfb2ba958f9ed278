import ChurnKit
import Foundation
import Testing

/// The getting-started example (Examples/GettingStarted) is the code the README and the DocC
/// article show: these tests keep the three the same text, run the built program and check that
/// what it prints is what a model trained on its made-up shop should say.
struct GettingStartedExampleTests {
    static let examplePath = "Examples/GettingStarted/main.swift"
    static let articlePath = "Sources/ChurnKit/ChurnKit.docc/GettingStarted.md"
    static let stepsHeading = "## Train and score, step by step"
    static let outputHeading = "## What it prints"
    static let readmeHeading = "## Use from Swift"

    static func exampleCode() throws -> String {
        try #require(DocumentedCode.markedRegion(of: DocumentedCode.read(examplePath)),
                     "\(examplePath) has no // docs:begin … // docs:end region")
    }

    @Test func readmeShowsTheExample() throws {
        let readme = try DocumentedCode.read("README.md")
        let section = try #require(DocumentedCode.section(Self.readmeHeading, of: readme), "README.md has no '\(Self.readmeHeading)' section")
        let blocks = DocumentedCode.blocks(of: section)
        #expect(blocks.contains(try Self.exampleCode()),
                "README.md's 'Use from Swift' section must show \(Self.examplePath)'s docs region as one swift block")
    }

    /// The article walks through the example in steps: the swift blocks of its step-by-step
    /// section, joined by blank lines, are the example's region.
    @Test func articleShowsTheExample() throws {
        let article = try DocumentedCode.read(Self.articlePath)
        let steps = try #require(DocumentedCode.section(Self.stepsHeading, of: article), "\(Self.articlePath) has no '\(Self.stepsHeading)'")
        let blocks = DocumentedCode.blocks(of: steps)
        #expect(blocks.count > 1)
        let joined = blocks.map { $0.trimmingCharacters(in: .newlines) }.joined(separator: "\n\n")
        #expect(joined == (try Self.exampleCode()).trimmingCharacters(in: .newlines),
                "\(Self.articlePath)'s swift blocks must be \(Self.examplePath)'s docs region, split at blank lines")
    }

    @Test func regionMarkersAreFound() {
        #expect(DocumentedCode.markedRegion(of: "a\n// docs:begin\nb\n\nc\n// docs:end\nd") == "b\n\nc")
        #expect(DocumentedCode.markedRegion(of: "// docs:end\n// docs:begin") == nil)
        let fenced = "x\n```swift\nlet a = 1\n```\n```bash\nls\n```\n```swift\nb()\n```"
        #expect(DocumentedCode.blocks(of: fenced) == ["let a = 1", "b()"])
        #expect(DocumentedCode.blocks(of: fenced, language: "bash") == ["ls"])
        let markdown = "## A\ntext\n```bash\n# comment\n```\n### B\nmore\n## C\nlast"
        #expect(DocumentedCode.section("## A", of: markdown) == "## A\ntext\n```bash\n# comment\n```\n### B\nmore")
    }

    @Test func runsAndPrintsWhatTheModelSays() throws {
        let folder = try ExampleProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try ExampleProgram(name: "GettingStartedExample").run(temporaryFolder: folder)
        try #require(run.status == 0, "the example failed: \(run.stderr)")
        let output = try GettingStartedOutput(run.stdout)
        let article = try DocumentedCode.read(Self.articlePath)
        let printed = DocumentedCode.section(Self.outputHeading, of: article).map { DocumentedCode.blocks(of: $0, language: "text") }
        #expect(printed?.first == run.stdout.trimmingCharacters(in: .newlines),
                "\(Self.articlePath)'s '\(Self.outputHeading)' block must be what the example prints:\n\(run.stdout)")
        let readme = DocumentedCode.section(Self.readmeHeading, of: try DocumentedCode.read("README.md"))
        #expect(readme.map { DocumentedCode.blocks(of: $0, language: "text") }?.contains(run.stdout.trimmingCharacters(in: .newlines)) == true,
                "README.md's '\(Self.readmeHeading)' must show what the example prints in a text block")

        #expect(output.converged)
        #expect(output.snapshots > 1, "a rolling schedule gives several snapshots")
        #expect(output.auc > 0.5 && output.auc <= 1, "cross-validated AUC \(output.auc)")
        #expect(output.riskiest.count == 3)
        // Loyal customers keep buying; the model must put customers who stopped at the top.
        for customer in output.riskiest {
            #expect(customer.id.hasPrefix("lapsing-"), "\(customer.id) at the top of the risk list")
            #expect(customer.probability > 0.5 && customer.probability <= 1)
        }
        #expect(output.riskiest.map(\.probability) == output.riskiest.map(\.probability).sorted(by: >))
        #expect(output.reloadedIdentically)

        // The saved model is a real model file, trained on the rows the example reported.
        let model = try ChurnModel.load(path: folder + "/churn-model.json")
        #expect(model.trainingReport.rows == output.rows)
        let inputs = Set(model.inputs.map(\.column))
        for customer in output.riskiest {
            #expect(!customer.reasonColumns.isEmpty)
            #expect(Set(customer.reasonColumns).isSubset(of: inputs), "reasons \(customer.reasonColumns) are model inputs")
        }
    }
}
