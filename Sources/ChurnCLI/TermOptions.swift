import ArgumentParser
import ChurnKit

/// `--terms linear|additive|additive+pairs` and the additive model's knobs (issue 12).
struct TermOptions: ParsableArguments {
    @Option(help: "Model terms: linear (a straight line per input), additive (a learned shape per input) or additive+pairs (shapes plus up to 10 interactions).")
    var terms: TermsKind = .linear

    @Option(name: .customLong("max-bins"), help: "Additive: most bins per input (default: chosen by inner cross-validation from 16, 32, 64).")
    var bins: Int?

    @Option(help: "Additive: roughness penalty λ between neighbouring bins (default: chosen by inner cross-validation from 1, 10, 100, 1000).")
    var roughness: Double?

    @Option(help: "Additive+pairs: interaction pairs, 0-10 (default: chosen by inner cross-validation from 0, 2, 5, 10).")
    var pairs: Int?

    func validate() throws {
        if let bins, !(2...1024).contains(bins) { throw ValidationError("--max-bins must be between 2 and 1024") }
        if let roughness, !(roughness >= 0 && roughness.isFinite) { throw ValidationError("--roughness must be a number ≥ 0") }
        if let pairs, !(0...10).contains(pairs) { throw ValidationError("--pairs must be between 0 and 10") }
        if terms == .linear && (bins != nil || roughness != nil || pairs != nil) {
            throw ValidationError("--max-bins, --roughness and --pairs need --terms additive or additive+pairs")
        }
        if terms == .additive && pairs != nil { throw ValidationError("--pairs needs --terms additive+pairs") }
    }

    /// nil for the linear model.
    func additiveSettings(seed: UInt64, maxIterations: Int, solver: Solver?) -> AdditiveSettings? {
        guard terms != .linear else { return nil }
        var settings = AdditiveSettings(kind: terms, maxBins: bins, roughness: roughness, pairs: pairs)
        settings.seed = seed
        settings.solver = solver
        return settings
    }
}
