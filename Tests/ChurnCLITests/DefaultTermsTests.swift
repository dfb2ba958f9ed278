import Foundation
import Testing
import ChurnKit
@testable import ChurnCLI

/// Without `--terms`: the default kind (additive+pairs, the one cross-validation picks on the
/// bundled data), set aside for the linear model when an option only it has is given, and such an
/// option refused next to additive terms instead of being silently ignored.
struct DefaultTermsTests {
    static func resolved(_ arguments: [String]) throws -> (terms: TermOptions.Terms, note: String?) {
        try TrainingOptions.parse(["log.csv", "--horizon", "90"] + arguments).resolvedTerms()
    }

    @Test func theDefaultIsAdditiveWithPairs() throws {
        #expect(TermOptions.defaultTerms == .additivePairs)
        let plain = try Self.resolved([])
        #expect(plain.terms == .additivePairs && plain.note == nil)
        // Options both kinds use keep the default.
        for arguments in [["--C", "0.5"], ["--solver", "lbfgs"], ["--solver", "newton"], ["--class-weight", "balanced"],
                          ["--max-iter", "50"], ["--seed", "3"], ["--pairs", "2"], ["--monotone", "x=+"]] {
            #expect(try Self.resolved(arguments).terms == .additivePairs, "\(arguments)")
        }
        let options = try TrainingOptions.parse(["log.csv", "--horizon", "90"])
        let recipe = try options.recipe(modelName: "m")
        #expect(recipe.additive?.kind == .additivePairs)
    }

    @Test func aLinearOnlyOptionSelectsTheLinearModelAndSaysSo() throws {
        for (arguments, named) in [(["--l1-ratio", "0.5"], "--l1-ratio"), (["--solver", "sgd"], "--solver sgd"),
                                   (["--solver", "owlqn"], "--solver owlqn"), (["--solver", "gradient-descent"], "--solver gradient-descent"),
                                   (["--learning-rate", "0.1"], "--learning-rate"), (["--batch-size", "64"], "--batch-size"),
                                   (["--momentum", "0.5"], "--momentum"), (["--schedule", "step-decay"], "--schedule"),
                                   (["--no-standardize"], "--no-standardize")] {
            let (terms, note) = try Self.resolved(arguments)
            #expect(terms == .linear, "\(arguments)")
            #expect(note?.contains(named) == true && note?.contains("--terms additive+pairs") == true, "\(String(describing: note))")
            #expect(try TrainingOptions.parse(["log.csv", "--horizon", "90"] + arguments).recipe(modelName: "m").additive == nil)
        }
        // Given explicitly, --terms wins and no note is printed.
        let explicit = try Self.resolved(["--terms", "linear", "--l1-ratio", "0.5"])
        #expect(explicit.terms == .linear && explicit.note == nil)
    }

    @Test func aLinearOnlyOptionWithAdditiveTermsIsRefused() {
        for arguments in [["--terms", "additive", "--l1-ratio", "0.5"], ["--terms", "additive+pairs", "--solver", "sgd"],
                          ["--terms", "auto", "--no-standardize"], ["--terms", "additive", "--momentum", "0.5"],
                          ["--l1-ratio", "0.5", "--pairs", "2"], ["--no-standardize", "--monotone", "x=+"],
                          // The additive options' own ranges, checked with the default kind too.
                          ["--max-bins", "1"], ["--pairs", "11"], ["--roughness", "-1"], ["--monotone", "x=up"]] {
            #expect(throws: (any Error).self, "\(arguments)") { _ = try TrainingOptions.parse(["log.csv", "--horizon", "90"] + arguments) }
        }
        do { _ = try TrainingOptions.parse(["log.csv", "--horizon", "90", "--terms", "additive", "--l1-ratio", "0.5"]) } catch {
            let message = TrainingOptions.message(for: error)
            #expect(message.contains("--l1-ratio") && message.contains("--terms linear"), "\(message)")
        }
        // evaluate's own elastic-net grid counts too.
        #expect(throws: (any Error).self) {
            _ = try ChurnCommand.parseAsRoot(["evaluate", "log.csv", "--horizon", "90", "--terms", "additive", "--search-C", "1", "--l1-ratios", "0,0.5"])
        }
        #expect((try? ChurnCommand.parseAsRoot(["evaluate", "log.csv", "--horizon", "90", "--search-C", "1", "--l1-ratios", "0,0.5"])) != nil)
    }

    /// End to end: `churn train` without `--terms` writes an additive model (format version 2), and
    /// with `--l1-ratio` a linear one after a line saying why.
    @Test func trainWritesTheDefaultKind() throws {
        let folder = ChurnBinary.temporaryFolder()
        let data = try AdditiveFitOptionTests.table(in: folder)
        let base = ["train", data, "--label", "churn", "--positive", "Yes", "--max-bins", "16", "--roughness", "10", "--quiet"]
        let additive = try ChurnBinary.run(base + ["--output", folder + "/a.json"])
        #expect(additive.status == 0, "\(additive.stderr)")
        let model = try ChurnModel.load(path: folder + "/a.json")
        #expect(model.formatVersion == ChurnModel.additiveFormatVersion && model.terms?.kind == .additivePairs)
        #expect(!additive.stdout.contains("terms: linear"))

        let linear = try ChurnBinary.run(["train", data, "--label", "churn", "--positive", "Yes", "--l1-ratio", "0.5", "--quiet",
                                          "--output", folder + "/l.json"])
        #expect(linear.status == 0, "\(linear.stderr)")
        #expect(linear.stdout.hasPrefix("terms: linear (--l1-ratio is an option of the linear model"), "\(linear.stdout)")
        let linearModel = try ChurnModel.load(path: folder + "/l.json")
        #expect(linearModel.terms == nil && linearModel.hyperParameters.l1Ratio == 0.5)

        // evaluate --json keeps standard output one object; the note goes to standard error.
        let json = try ChurnBinary.run(["evaluate", data, "--label", "churn", "--positive", "Yes", "--l1-ratio", "0.5", "--cv", "3", "--json", "--quiet"])
        #expect(json.status == 0 && json.stdout.hasPrefix("{") && json.stderr.contains("terms: linear (--l1-ratio"), "\(json.stderr)")

        let refused = try ChurnBinary.run(["train", data, "--label", "churn", "--positive", "Yes", "--terms", "additive", "--l1-ratio", "0.5"])
        #expect(refused.status == 2 && refused.stderr.contains("--l1-ratio is an option of the linear model"), "\(refused.stderr)")

        // Two rows: too few for the default's inner cross-validation; the error names the flags to use.
        try "x,churn\n1,Yes\n2,No\n".write(toFile: folder + "/two.csv", atomically: true, encoding: .utf8)
        let two = try ChurnBinary.run(["train", folder + "/two.csv", "--label", "churn", "--positive", "Yes", "--quiet"])
        #expect(two.status == 3 && two.stderr.contains("give --max-bins, --roughness and --pairs, or fit the linear model (--terms linear)"),
                "\(two.stderr)")
    }
}
