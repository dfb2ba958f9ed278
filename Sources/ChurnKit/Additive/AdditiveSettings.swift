/// Hyper-parameters of an additive fit. A nil choice is made by inner cross-validation on the
/// training rows (never by looking at a test fold), from the grid beside it.
public struct AdditiveSettings: Sendable {
    /// Main effects only, or main effects plus the strongest pairwise interactions.
    public var kind: TermsKind
    /// Route (a), penalized Newton with inner cross-validation, or route (b), EBM's cyclic boosting;
    /// nil: the inner cross-validation also fits route (b) on its folds and keeps the route with
    /// the lower validation log loss (route (a) whenever `roughness` or `monotone` is set, which
    /// only route (a) has).
    public var fitting: AdditiveFitting? = .penalizedNewton
    /// The cyclic-boosting route's knobs (used with `fitting` = `.cyclicBoosting`).
    public var boosting = BoostingSettings()
    /// Most non-missing bins per main effect; nil: chosen from ``binGrid``.
    public var maxBins: Int?
    /// λ of the main effects' roughness penalty; nil: chosen from ``roughnessGrid``.
    public var roughness: Double?
    /// One roughness λ per term and axis, estimated from the training rows by the generalized
    /// Fellner–Schall update (mgcv's smoothing-parameter estimate), starting from the shared λ;
    /// a noise input or a straight-line effect then goes to a line while a curved shape keeps its
    /// bends, and each pair's two axes are smoothed apart. nil: the inner cross-validation scores
    /// it against the shared λ and keeps the better (only when `roughness` is nil and no input is
    /// monotone); true: always (from `roughness` when it is set); false: one λ for every term.
    public var roughnessPerTerm: Bool?
    /// Interaction pairs (additive+pairs); nil: chosen from ``pairGrid``.
    public var pairs: Int?
    /// Bins per input tried by the inner cross-validation when `maxBins` is not fixed.
    public var binGrid: [Int] = [16, 32, 64]
    /// Roughness penalties tried by the inner cross-validation when `roughness` is not fixed. Up to
    /// 1e5: the penalty is in the input's units, and at that strength a shape is close to the
    /// straight line a linear model would fit, which the inner cross-validation can then choose.
    public var roughnessGrid: [Double] = [1, 10, 100, 1000, 10_000, 100_000]
    /// Capped at 10: each pair is a table a person has to read.
    public var pairGrid: [Int] = [0, 2, 5, 10]
    /// Bins per axis of an interaction grid. With `pairs` nil it is chosen from ``pairBinGrid``
    /// together with the number of pairs.
    public var pairBins: Int = 8
    /// Bins per axis of the interaction grids tried when pairs are chosen by the inner cross-validation.
    /// Only 8 by default: [8, 16, 32] cost 10–15× the fit time and moved no out-of-fold AUC by more
    /// than 0.0002 on telco, CDNOW or the synthetic table (README, "Additive models"); with a
    /// roughness per term, [8, 16] cost 4× on the synthetic table for +0.0006 (0.78586 → 0.78650).
    public var pairBinGrid: [Int] = [8]
    /// Most bins per axis of the interaction grids of the final fit when every λ is estimated per
    /// term and axis (``roughnessPerTerm``): the estimate smooths each axis as far as the data
    /// do not support its wiggles, so cutting a grid finer costs time rather than variance (the
    /// P-spline argument: many knots, the penalty decides), and the pairs the inner
    /// cross-validation chose on `pairBins` grids are refitted on grids this fine. Lowered (halving,
    /// not below `pairBins`) until the fit has at most `AdditiveTrainer.termRoughnessParameterLimit`
    /// parameters. Measured on the synthetic table (`churn evaluate --cv 5`, scikit-learn's folds,
    /// `--pairs 2`, pair ridge 1): 8-bin grids AUC 0.7859 (16 bins per input); with `--max-bins 32`,
    /// 16-bin grids 0.7874 and 32-bin grids 0.7879; with the inner cross-validation's choices,
    /// 0.7859 → 0.7886 (README).
    public var pairBinsPerTerm: Int = 32
    /// Ridge on main-effect bins.
    public var ridge: Double = 0.1
    /// Ridge on interaction cells: strong, since pairs overfit otherwise. With `pairs` nil it is
    /// chosen from ``pairRidgeGrid`` together with the number of pairs. Stated for 8 × 8 grids:
    /// each cell of a finer grid carries ``pairCellRidge``.
    public var pairRidge: Double = 10
    /// Ridges on interaction cells tried when pairs are fitted.
    public var pairRidgeGrid: [Double] = [1, 10]
    /// Roughness of interaction grids as a multiple of the main effects' λ (capped at 1000, `pairRoughness(mainRoughness:)`).
    public var pairRoughnessFactor: Double = 1
    /// Monotone constraints on main effects, by input name (interpret's `monotone_constraints`).
    /// Only numeric inputs; a constrained input is kept out of the interaction pairs. Empty: none.
    public var monotone: [String: MonotoneDirection] = [:]
    /// scikit-learn's C: the weight of the loss against the penalties.
    public var C: Double = 1
    /// Folds of the inner cross-validation that picks the candidate (on the training rows only).
    public var innerFolds: Int = 3
    /// Above this many rows, hyper-parameters are chosen on a seeded sample of this size.
    public var selectionRows: Int = 100_000
    /// Seed of the inner folds' shuffle, so a fit is reproducible.
    public var seed: UInt64 = 0
    /// nil: Newton up to 2,500 parameters, L-BFGS above.
    public var solver: Solver?
    /// Iteration limit, tolerance and solver for each fit (`SolverRules` says which solvers fit tables).
    public var solverSettings: SolverSettings

    /// Settings with the grid searched for every value left nil; `validate()` checks them before a fit.
    public init(kind: TermsKind = .additive, maxBins: Int? = nil, roughness: Double? = nil, pairs: Int? = nil,
                solverSettings: SolverSettings = SolverSettings(maxIterations: 500, tolerance: 1e-7)) {
        self.kind = kind
        self.maxBins = maxBins
        self.roughness = roughness
        self.pairs = pairs
        self.solverSettings = solverSettings
    }
}

extension AdditiveSettings {
    /// The interaction grids' roughness for main effects fitted with `mainRoughness`. A grid's
    /// penalty stays in bin-index units (its cells have no single scale), where the main effects'
    /// search stopped at 1000 before their penalty moved to the input's units; above that a main
    /// effect is heading for a straight line, which says nothing about how smooth a pair should be.
    public func pairRoughness(mainRoughness: Double) -> Double {
        min(mainRoughness, 1000) * pairRoughnessFactor
    }

    /// The ridge on each interaction cell at `pairBins` bins per axis: `pairRidge` × (8 / pairBins)².
    /// A cell cut into m finer cells carries m ridges, so without the scaling the same surface
    /// would cost m times the penalty on a finer grid and be shrunk towards zero the more, the
    /// finer it is drawn; with it, a surface's ridge does not depend on the grid (at 8 bins the
    /// ridge is `pairRidge` itself).
    public var pairCellRidge: Double { Self.pairCellRidge(pairRidge: pairRidge, pairBins: pairBins) }

    /// `pairRidge` × (8 / pairBins)²: the ridge on each cell of a grid `pairBins` bins a side.
    public static func pairCellRidge(pairRidge: Double, pairBins: Int) -> Double {
        let ratio = 8 / Double(max(pairBins, 1))
        return pairRidge * ratio * ratio
    }

    /// The solvers able to fit an additive model's tables (`SolverRules`): the others are the
    /// linear model's (OWL-QN's L1, gradient descent and SGD have no block penalty).
    public static var solvers: [Solver] { SolverRules.allowed(for: .additive) }

    /// Throws ``ParameterError`` for a hyper-parameter outside what the fit can use, and
    /// ``TrainingError`` for a solver that cannot fit an additive model (`SolverRules`).
    public func validate() throws {
        try ParameterCheck.number(C, "C", in: 0...Double.greatestFiniteMagnitude, openLower: true)
        if let maxBins { try ParameterCheck.integer(maxBins, "max_bins", in: 2...1024) }
        if let roughness { try ParameterCheck.number(roughness, "roughness", in: 0...Double.greatestFiniteMagnitude) }
        if let pairs { try ParameterCheck.integer(pairs, "pairs", in: 0...10) }
        try solverSettings.validate()
        try SolverRules.check(solver, for: .additive)
        // The per-term estimate needs an unconstrained fit (its traces are those of the free Hessian).
        if roughnessPerTerm == true, let (name, direction) = monotone.sorted(by: { $0.key < $1.key }).first {
            throw ParameterError(parameter: "monotone_constraints", value: "\(name)=\(direction.symbol)",
                                 allowed: "none when roughness_per_term is true (the λ per term are estimated without constraints)")
        }
        guard fitting == .cyclicBoosting else { return }
        try boosting.validate()
        // Boosting has no roughness penalty, and its shapes are not constrained.
        if let roughness {
            throw ParameterError(parameter: "roughness", value: ParameterCheck.format(roughness), allowed: "nil when fitting is boosting (no penalty)")
        }
        if roughnessPerTerm == true {
            throw ParameterError(parameter: "roughness_per_term", value: "true", allowed: "nil or false when fitting is boosting (no penalty)")
        }
        if let (name, direction) = monotone.sorted(by: { $0.key < $1.key }).first {
            throw ParameterError(parameter: "monotone_constraints", value: "\(name)=\(direction.symbol)",
                                 allowed: "none when fitting is boosting (monotone shapes are fitted by the newton route)")
        }
    }
}

extension AdditiveSettings {
    /// The settings that refit `model`'s recipe on other rows (a report's cross-validation): its
    /// terms, route and the hyper-parameters its inner cross-validation chose, fixed, as a linear
    /// model's refit keeps its `C`; its monotone constraints; the same seed; a roughness per term
    /// ranks the pairs on the default grids and refines them to the model's.
    public init(refitting model: AdditiveModel, seed: UInt64) {
        let boosted = model.settings.fitting == .cyclicBoosting
        self.init(kind: model.kind, maxBins: boosted ? nil : model.settings.maxBins, roughness: boosted ? nil : model.settings.roughness,
                  pairs: model.kind == .additivePairs ? model.settings.pairs : nil)
        fitting = model.settings.fitting ?? .penalizedNewton
        if !boosted {
            pairBins = model.settings.pairBins
            // With a roughness per term the stored grids are the refined ones: rank the pairs on
            // the grids they were chosen on again, then refine to the stored size.
            if model.settings.roughnessPerTerm == true {
                pairBinsPerTerm = model.settings.pairBins
                pairBins = min(AdditiveSettings(kind: model.kind).pairBins, model.settings.pairBins)
            }
            pairRidge = model.settings.pairRidge
            pairBinGrid = [pairBins]
            pairRidgeGrid = [model.settings.pairRidge]
        }
        ridge = model.settings.ridge
        roughnessPerTerm = boosted ? nil : (model.settings.roughnessPerTerm ?? false)
        C = model.settings.C
        self.seed = seed
        for term in model.terms where !term.isInteraction {
            if let direction = term.monotone { monotone[term.inputNames[0]] = direction }
        }
    }
}
