import ArgumentParser
import ChurnKit
import Foundation

/// `--terms linear|additive|additive+pairs` and the additive model's knobs (issue 12).
struct TermOptions: ParsableArguments {
    @Option(help: "Model terms: linear (a straight line per input), additive (a learned shape per input), additive+pairs (shapes plus 0-10 interactions, as many as inner cross-validation keeps), or auto (churn train: each of the three cross-validated on the same folds, --cv K or 5, and the lowest out-of-fold log loss kept). Default: additive+pairs, or linear when an option only a linear model has is given (--l1-ratio, --solver owlqn/gradient-descent/sgd, --learning-rate, --batch-size, --momentum, --schedule, --no-standardize).")
    var terms: Terms?

    /// The default kind: on the bundled data 5-fold cross-validation (`--terms auto`) picks an
    /// additive model, and additive+pairs with the number of pairs chosen by inner
    /// cross-validation (0 allowed) ties it there and wins where inputs interact (README).
    static let defaultTerms = Terms.additivePairs

    /// `--terms`: a kind of terms, or `auto` for the one cross-validation picks.
    enum Terms: String, ExpressibleByArgument, CaseIterable {
        case linear, additive, additivePairs = "additive+pairs", auto
        /// The kind fitted; for `auto` the most general one, whose settings the additive candidates share.
        var kind: TermsKind {
            switch self {
            case .linear: return .linear
            case .additive: return .additive
            case .additivePairs, .auto: return .additivePairs
            }
        }
    }

    @Option(name: .customLong("max-bins"), help: "Additive: most bins per input (default: chosen by inner cross-validation from 16, 32, 64).")
    var bins: Int?

    @Option(help: "Additive: roughness penalty λ on the second differences of each shape, divided by the spacing of the bins' centres so a straight line is free (default: chosen by inner cross-validation from 1, 10, 100, 1000, 10000, 100000).")
    var roughness: Double?

    @Option(name: .customLong("roughness-per-term"),
            help: "Additive (newton): one roughness λ per shape and per axis of each pair, estimated from the training rows by the generalized Fellner–Schall update (mgcv's smoothing-parameter estimate) starting from the shared λ; the chosen pairs are then refitted on grids of up to 32 bins per axis, the λ deciding how smooth they are: on (always), off (one λ for every term) or auto (the inner cross-validation scores both and keeps the better; the default, used when --roughness and --monotone are not given).")
    var roughnessPerTerm: PerTerm?

    /// `--roughness-per-term`: on, off, or `auto` for the inner cross-validation's choice.
    enum PerTerm: String, ExpressibleByArgument, CaseIterable {
        case on, off, auto
        var setting: Bool? {
            switch self {
            case .on: return true
            case .off: return false
            case .auto: return nil
            }
        }
    }

    @Option(help: "Additive+pairs: interaction pairs, 0-10 (default: chosen by inner cross-validation from 0, 2, 5, 10).")
    var pairs: Int?

    @Option(name: .customLong("additive-fit"),
            help: "Additive: how the tables are fitted: newton (penalized Newton; bins, roughness, pairs and the pairs' ridge chosen by inner cross-validation; the default), boosting (the Explainable Boosting Machine's cyclic gradient boosting with interpret 0.7.8's defaults: 14 bags, 75 smoothing rounds of random cuts, early stopping on held-out rows after 100 rounds, 1024 bins, pair grids ≤ 64×64, the top 10 pairs unless --pairs) or auto (the inner cross-validation also scores boosting and keeps the better route).")
    var additiveFit: Fit?

    /// `--additive-fit`: a route, or `auto` for the inner cross-validation's choice.
    enum Fit: String, ExpressibleByArgument, CaseIterable {
        case newton, boosting, auto
        var fitting: AdditiveFitting? {
            switch self {
            case .newton: return .penalizedNewton
            case .boosting: return .cyclicBoosting
            case .auto: return nil
            }
        }
    }

    @Option(help: ArgumentHelp("Additive: a monotone shape for a numeric input, INPUT=+ (increasing) or INPUT=- (decreasing); repeat it or separate with commas. The input is kept out of the pairs.",
                               valueName: "input=+|-"))
    var monotone: [String] = []

    /// The parsed `--monotone` values.
    func monotoneConstraints() throws -> [String: MonotoneDirection] {
        var out: [String: MonotoneDirection] = [:]
        for item in monotone.flatMap({ $0.split(separator: ",").map(String.init) }) {
            let text = item.trimmingCharacters(in: .whitespaces)
            guard let split = text.lastIndex(of: "="), let direction = MonotoneDirection(symbol: String(text[text.index(after: split)...])),
                  !text[..<split].isEmpty else {
                throw ValidationError("--monotone expects INPUT=+ or INPUT=- (e.g. days_since_last=+), got '\(item)'")
            }
            let name = String(text[..<split])
            if let earlier = out[name], earlier != direction { throw ValidationError("--monotone gives \(name) both directions") }
            out[name] = direction
        }
        return out
    }

    /// Checked against `--terms` or the default; ``TrainingOptions`` checks again against the kind
    /// it resolves (linear when an option only the linear model has is given).
    func validate() throws {
        try validate(resolved: terms ?? Self.defaultTerms)
    }

    /// These options' checks for terms of kind `terms`.
    func validate(resolved terms: Terms) throws {
        if !monotone.isEmpty {
            if terms == .linear {
                throw ValidationError("--monotone needs --terms additive or additive+pairs (a linear coefficient is a straight line: its sign is not constrained)")
            }
            _ = try monotoneConstraints()
        }
        if let bins, !(2...1024).contains(bins) { throw ValidationError("--max-bins must be between 2 and 1024") }
        if let roughness, !(roughness >= 0 && roughness.isFinite) { throw ValidationError("--roughness must be a number ≥ 0") }
        if let pairs, !(0...10).contains(pairs) { throw ValidationError("--pairs must be between 0 and 10") }
        if terms == .linear && (bins != nil || roughness != nil || pairs != nil) {
            throw ValidationError("--max-bins, --roughness and --pairs need --terms additive or additive+pairs")
        }
        if terms == .linear && roughnessPerTerm != nil { throw ValidationError("--roughness-per-term needs --terms additive or additive+pairs") }
        if roughnessPerTerm == .on && !monotone.isEmpty {
            throw ValidationError("--roughness-per-term on cannot be combined with --monotone (the per-term estimate needs an unconstrained fit)")
        }
        if terms == .additive && pairs != nil { throw ValidationError("--pairs needs --terms additive+pairs") }
        if terms == .linear && additiveFit != nil { throw ValidationError("--additive-fit needs --terms additive or additive+pairs") }
        if additiveFit == .boosting {
            if roughness != nil { throw ValidationError("--roughness needs --additive-fit newton (boosting has no roughness penalty)") }
            if !monotone.isEmpty { throw ValidationError("--monotone needs --additive-fit newton (boosted shapes are not constrained)") }
            if roughnessPerTerm != nil { throw ValidationError("--roughness-per-term needs --additive-fit newton (boosting has no roughness penalty)") }
        }
    }

    /// nil for the linear model. `resolved`: the kind to fit, when not `--terms` or the default.
    func additiveSettings(resolved: Terms? = nil, seed: UInt64, maxIterations: Int, solver: Solver?) -> AdditiveSettings? {
        let terms = resolved ?? self.terms ?? Self.defaultTerms
        guard terms != .linear else { return nil }
        var settings = AdditiveSettings(kind: terms.kind, maxBins: bins, roughness: roughness, pairs: pairs)
        settings.seed = seed
        settings.monotone = (try? monotoneConstraints()) ?? [:]  // validate() has thrown for a malformed value
        settings.roughnessPerTerm = roughnessPerTerm?.setting
        settings.solver = solver
        settings.fitting = (additiveFit ?? .newton).fitting
        return settings
    }
}
