import Foundation
import Testing
import ChurnKit
@testable import ChurnCLI

/// `--additive-fit newton|boosting|auto`: the route reaches the library, the combinations that
/// mean nothing are refused, and a boosted model trains and explains end to end.
struct AdditiveFitOptionTests {
    @Test func mapsEachValueToTheLibrarysRoute() throws {
        func fitting(_ arguments: [String]) throws -> AdditiveFitting?? {
            try TermOptions.parse(["--terms", "additive+pairs"] + arguments).additiveSettings(seed: 0, maxIterations: 100, solver: nil).map(\.fitting)
        }
        #expect(try fitting([]) == .some(.penalizedNewton))
        #expect(try fitting(["--additive-fit", "newton"]) == .some(.penalizedNewton))
        #expect(try fitting(["--additive-fit", "boosting"]) == .some(.cyclicBoosting))
        #expect(try fitting(["--additive-fit", "auto"]) == .some(nil))
    }

    @Test func refusesWhatTheRouteDoesNotHave() {
        for arguments in [["--terms", "linear", "--additive-fit", "boosting"],
                          ["--terms", "additive", "--additive-fit", "boosting", "--roughness", "10"],
                          ["--terms", "additive", "--additive-fit", "boosting", "--monotone", "tenure=-"],
                          ["--terms", "additive", "--additive-fit", "gradient"]] {
            #expect(throws: (any Error).self, "\(arguments)") { _ = try TermOptions.parse(arguments) }
        }
        do { _ = try TermOptions.parse(["--terms", "additive", "--additive-fit", "boosting", "--roughness", "10"]) } catch {
            #expect(TermOptions.message(for: error).contains("--additive-fit newton"))
        }
    }

    /// A small seeded table: risk rises past 60 days, and a plan matters only with many calls.
    static func table(in folder: String) throws -> String {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func uniform() -> Double {  // xorshift64
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Double(state >> 11) / Double(1 << 53)
        }
        var text = "churn,days,calls,plan\n"
        for _ in 0..<1500 {
            let days = (uniform() * 120).rounded(), calls = (uniform() * 8).rounded(), plan = uniform() < 0.4 ? 1.0 : 0.0
            let logit = -1 + (days > 60 ? 1.5 : 0) + 2 * plan * (calls >= 4 ? 1 : 0) - plan
            text += (uniform() < 1 / (1 + exp(-logit)) ? "Yes" : "No") + ",\(Int(days)),\(Int(calls)),\(Int(plan))\n"
        }
        let path = folder + "/planted.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func trainsAndExplainsABoostedModel() throws {
        let folder = ChurnBinary.temporaryFolder()
        let trained = try ChurnBinary.run(["train", try Self.table(in: folder), "--label", "churn", "--positive", "Yes",
                                           "--terms", "additive+pairs", "--additive-fit", "boosting", "--pairs", "1",
                                           "--output", folder + "/m.json"])
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stdout.contains("(cyclic boosting)"))
        let explained = try ChurnBinary.run(["explain", "--model", folder + "/m.json"])
        #expect(explained.status == 0)
        #expect(explained.stdout.contains("calls × plan"), "\(explained.stdout)")
    }
}
