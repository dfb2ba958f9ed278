import ArgumentParser
import ChurnKit

/// The options that define a training recipe; shared by `churn train` and `churn evaluate --cv`.
struct TrainingOptions: ParsableArguments {
    @Argument(help: "Training data: a transaction log (with --horizon), a training table saved from churn features or churn sql --features (with the --cutoff and --horizon it was made with), or a labelled table (with --label).")
    var data: String

    @Option(help: "Cut-off date of the calibration window (transaction logs). Default: the last date minus the horizon.")
    var cutoff: CalendarDay?

    @Option(help: ArgumentHelp("Several cut-offs, comma-separated: one row per customer per cut-off (rolling snapshots).", valueName: "dates"))
    var cutoffs: String?

    @Option(help: ArgumentHelp("With --cutoff: add snapshots every N days before it (e.g. 30d), while at least N days of history remain.", valueName: "Nd"))
    var every: String?

    @Option(help: "Holdout length in days after each cut-off; no purchase in it = churned.")
    var horizon: Int?

    @OptionGroup var table: LabelledTableOptions

    @Option(help: "Labelled table: a column of per-row sample weights.")
    var sampleWeightColumn: String?

    @Option(help: ArgumentHelp("Model inputs, comma-separated feature columns, optionally log1p(...). Default: all feature columns.", valueName: "list"))
    var features: String?

    @Option(help: "Solver: newton, lbfgs, owlqn, gradient-descent, sgd. Default: newton up to 200 parameters, lbfgs above; owlqn with an L1 penalty.")
    var solver: Solver?

    @Option(name: .customLong("C"), help: "Inverse regularization strength (scikit-learn's C; Spark's regParam = 1/(C·n)).")
    var C: Double = 1

    @Option(help: "Elastic-net mixing: 0 = L2 (default), 1 = L1 (scikit-learn's l1_ratio, Spark's elasticNetParam).")
    var l1Ratio: Double = 0

    @Option(help: "none or balanced (n / (2·count) per class, multiplied into sample weights).")
    var classWeight: ClassWeight = .none

    @Option(help: "Maximum iterations (epochs for sgd).")
    var maxIter: Int = 1000

    @Option(help: "Stopping tolerance: max |gradient| ≤ tol·C·Σw (sgd: relative objective change per epoch).")
    var tol: Double = 1e-8

    @Option(help: "Seed for SGD shuffling and cross-validation folds.")
    var seed: UInt64 = 0

    @Flag(inversion: .prefixedNo, help: "Standardize inputs inside the model (mean 0, population std 1).")
    var standardize = true

    @Option(help: "Learning rate (gradient-descent: fixed step instead of line search; sgd: initial rate).")
    var learningRate: Double?

    @Option(help: "SGD mini-batch size.")
    var batchSize: Int = Self.defaultBatchSize

    @Option(help: "SGD momentum.")
    var momentum: Double = Self.defaultMomentum

    /// SGD's defaults, named so ``linearOnlyOptions`` can tell a value given from the default.
    static let defaultBatchSize = 256, defaultMomentum = 0.9

    @Option(help: "SGD learning-rate schedule: constant, inverse-time, step-decay.")
    var schedule: LearningRateSchedule = .constant

    @OptionGroup var logOptions: TransactionLogOptions

    @OptionGroup var termOptions: TermOptions

    func validate() throws {
        try OptionCheck.validate {
            if let horizon { try ParameterCheck.integer(horizon, "horizon_days", in: 1...ParameterCheck.maximumDays) }
            try settings().validate()
        }
        try logOptions.validateRejects()
        if every != nil && cutoffs != nil { throw ValidationError("use either --cutoffs or --every, not both") }
        if cutoff != nil && cutoffs != nil {
            throw ValidationError("use either --cutoff (one cut-off, optionally with --every) or --cutoffs (a list), not both")
        }
        if let every {
            guard let step = Self.days(every) else { throw ValidationError("--every takes a number of days like 30d") }
            try OptionCheck.validate { try ParameterCheck.integer(step, "every_days", in: 1...ParameterCheck.maximumDays) }
        }
        if let cutoffs, Self.dates(cutoffs) == nil { throw ValidationError("--cutoffs takes dates like 1997-06-30,1997-09-30") }
        if let features, Self.inputs(features) == nil { throw ValidationError("--features takes columns like frequency,log1p(monetary_value)") }
        try checkTerms()
    }

    /// The options given that only a linear model has, as the user wrote them.
    var linearOnlyOptions: [String] {
        var given: [String] = []
        if l1Ratio != 0 { given.append("--l1-ratio") }
        if let solver, !AdditiveSettings.solvers.contains(solver) { given.append("--solver \(solver.rawValue)") }
        if learningRate != nil { given.append("--learning-rate") }
        if batchSize != Self.defaultBatchSize { given.append("--batch-size") }
        if momentum != Self.defaultMomentum { given.append("--momentum") }
        if schedule != .constant { given.append("--schedule") }
        if !standardize { given.append("--no-standardize") }
        return given
    }

    /// The kind of terms to fit: `--terms`, else the default unless an option only a linear model
    /// has was given (`also`: such options of the command itself, e.g. evaluate's `--l1-ratios`),
    /// which asks for the linear model. `note` says so when the default was set aside.
    func resolvedTerms(alsoLinearOnly also: [String] = []) -> (terms: TermOptions.Terms, note: String?) {
        if let terms = termOptions.terms { return (terms, nil) }
        let linearOnly = linearOnlyOptions + also
        guard let first = linearOnly.first else { return (TermOptions.defaultTerms, nil) }
        return (.linear, "terms: linear (\(first) is an option of the linear model; without it the default is --terms \(TermOptions.defaultTerms.rawValue))")
    }

    /// A linear-only option with additive terms would be silently ignored: refuse it.
    func checkTerms(alsoLinearOnly also: [String] = []) throws {
        let terms = resolvedTerms(alsoLinearOnly: also).terms
        if terms != .linear, let option = (linearOnlyOptions + also).first {
            throw ValidationError("\(option) is an option of the linear model; --terms \(terms.rawValue) does not use it (give --terms linear, or leave the option out)")
        }
        try termOptions.validate(resolved: terms)
    }

    /// The solver settings these options give (validated by `validate()`).
    func settings(progress: (@Sendable (Int, Double) -> Void)? = nil) -> LogisticRegressionSettings {
        let solverSettings = SolverSettings(maxIterations: maxIter, tolerance: tol, learningRate: learningRate, schedule: schedule,
                                            batchSize: batchSize, momentum: momentum, seed: seed, progress: progress)
        return LogisticRegressionSettings(solver: solver, C: C, l1Ratio: l1Ratio, classWeight: classWeight,
                                          standardize: standardize, solverSettings: solverSettings)
    }

    static func days(_ text: String) -> Int? {
        let digits = text.hasSuffix("d") ? String(text.dropLast()) : text
        return Int(digits).flatMap { $0 > 0 ? $0 : nil }
    }

    static func dates(_ text: String) -> [CalendarDay]? {
        let parsed = text.split(separator: ",").map { CalendarDay(parsing: String($0).trimmingCharacters(in: .whitespaces)) }
        return parsed.contains(where: { $0 == nil }) || parsed.isEmpty ? nil : parsed.map { $0! }
    }

    static func inputs(_ text: String) -> [ModelInput]? {
        // Split on commas outside parentheses.
        var parts: [String] = [], current = "", depth = 0
        for character in text {
            if character == "(" { depth += 1 } else if character == ")" { depth -= 1 }
            if character == "," && depth == 0 { parts.append(current); current = "" } else { current.append(character) }
        }
        parts.append(current)
        let parsed = parts.map { ModelInput(parsing: $0) }
        return parsed.contains(where: { $0 == nil }) ? nil : parsed.map { $0! }
    }

    /// The snapshot schedule these options give (validated by `validate()`).
    var snapshotSchedule: SnapshotSchedule {
        if let cutoffs { return .cutoffs(Self.dates(cutoffs)!) }
        if let every, let step = Self.days(every) { return .every(days: step, through: cutoff) }
        return cutoff.map(SnapshotSchedule.cutoff) ?? .latest
    }

    /// The data as a feature source. `modelColumns`: a model's log columns, which replace
    /// columns left at their defaults (evaluating or reporting on a model), as in `churn score`.
    func source(modelColumns: TransactionColumns? = nil) -> FeatureSource {
        if let label = table.label {
            return .table(path: data, columns: table.columns(label: label, sampleWeight: sampleWeightColumn, reading: logOptions))
        }
        return .transactionLog(path: data, columns: logOptions.columnsOverridingModel ?? modelColumns ?? logOptions.columns,
                               badRows: logOptions.badRows, rejectsPath: logOptions.rejects)
    }

    /// The recipe these options describe. `defaultHorizon`: a model's, when --horizon is not given;
    /// `modelColumns` as in ``source(modelColumns:)``.
    /// `terms`: the kind resolved by the command (``resolvedTerms(alsoLinearOnly:)``), when its own options take part.
    func recipe(modelName: String, defaultHorizon: Int? = nil, modelColumns: TransactionColumns? = nil, terms: TermOptions.Terms? = nil,
                progress: (@Sendable (Int, Double) -> Void)? = nil) throws -> TrainingRecipe {
        guard table.label != nil || horizon != nil || defaultHorizon != nil else {
            throw ValidationError("give --horizon N for a transaction log, or --label COLUMN for a labelled table")
        }
        if table.label == nil, cutoff == nil, cutoffs == nil, TrainingTableFile.isTrainingTable(path: data) {
            throw ValidationError("\(data) is a training table (churn features or churn sql --features): give the --cutoff and --horizon it was computed with")
        }
        return TrainingRecipe(source: source(modelColumns: modelColumns), schedule: snapshotSchedule, horizonDays: horizon ?? defaultHorizon,
                              inputs: features.flatMap(Self.inputs), settings: settings(progress: progress), modelName: modelName,
                              additive: termOptions.additiveSettings(resolved: terms ?? resolvedTerms().terms, seed: seed, maxIterations: maxIter,
                                                                     solver: solver))
    }
}

extension Solver: ExpressibleByArgument {}
extension ClassWeight: ExpressibleByArgument {}
extension LearningRateSchedule: ExpressibleByArgument {}

import Foundation
