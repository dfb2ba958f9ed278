import ArgumentParser
import ChurnKit
import Foundation

/// `churn evaluate`: how good is a model, or a training recipe?
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a model file on labelled data, or cross-validate / backtest a training recipe.",
        discussion: """
        With --model: scores the data with the model and prints the metrics, the gains table by decile \
        and the calibration table (for a transaction log, labels come from --cutoff/--horizon; the \
        horizon defaults to the model's; the log is read with the model's columns unless \
        --customer-column etc. name others). Without --model: --cv K cross-validates the recipe given by \
        the training options (stratified, seeded; customers' snapshots stay in one fold; its terms are \
        --terms or, as for churn train, additive+pairs unless an option only the linear model has is \
        given), --search-C \
        picks C (and --l1-ratios) by cross-validated log loss or AUC, and --backtest DATE trains at \
        --cutoff and evaluates out of time at DATE. --predictions FILE writes each row's \
        customer_id, cutoff (logs), is_churn and churn_probability (out-of-fold with --cv, plus \
        its fold); a FILE ending in .jsonl is written as JSON Lines, any other as CSV. --json \
        prints the metrics, gains, calibration, ROC and precision-recall points as one object.

        Examples:
          churn evaluate --model models/cdnow.json \\
            datasets/cdnow/transactions.csv --cutoff 1997-09-30
          churn evaluate datasets/cdnow/transactions.csv --cutoff 1997-09-30 \\
            --horizon 273 --cv 5 --predictions oof.csv --json
          churn evaluate datasets/telco/wa_churn.csv --label churn --positive Yes \\
            --cv 5 --search-C 0.01,0.1,1,10
          churn evaluate datasets/cdnow/transactions.csv --cutoff 1997-06-30 \\
            --horizon 90 --backtest 1997-09-30
        """
    )

    @OptionGroup var training: TrainingOptions

    @Option(help: "A model file to evaluate (otherwise the training options define a recipe).")
    var model: String?

    @Option(help: "Cross-validate the recipe with this many stratified folds.")
    var cv: Int?

    @Option(name: .customLong("search-C"), help: ArgumentHelp("Search these C values by cross-validation (default 5 folds).", valueName: "list"))
    var searchC: String?

    @Option(help: ArgumentHelp("With --search-C: l1_ratio values to search too.", valueName: "list"))
    var l1Ratios: String?

    @Option(help: "What --search-C minimizes: log_loss or roc_auc (maximized).")
    var criterion: HyperParameterSearch.Criterion = .logLoss

    @Option(help: "Out-of-time backtest: train at --cutoff, evaluate at this later cut-off.")
    var backtest: CalendarDay?

    @Option(help: ArgumentHelp("With --cv: read the folds from this file, one fold number (0-based, below --cv) per data row, e.g. scikit-learn's, so peers share them; every fold needs rows. A bad line is exit 3 naming it.", valueName: "file"))
    var folds: String?

    @Option(help: "Threshold for accuracy, precision, recall and F1.")
    var threshold: Double = 0.5

    @Option(help: "Calibration bins: uniform or quantile.")
    var calibration: CalibrationStrategy = .uniform

    @Option(help: "Number of calibration bins.")
    var bins: Int = 10

    @Option(help: ArgumentHelp("Compare the recipe with another model on the same folds: bgnbd.", valueName: "kind"))
    var compare: ModelKind?

    @Flag(help: "Print the BG/NBD fit checks (calibration vs holdout purchases by frequency, repeat purchases per customer).")
    var fitChecks = false

    @Flag(help: "Print one JSON object instead of tables.")
    var json = false

    @Option(help: ArgumentHelp("Write each evaluated row's id, label and probability (out-of-fold with --cv) to this file.",
                               valueName: "file"))
    var predictions: String?

    @Flag(help: "No progress display.")
    var quiet = false

    func validate() throws {
        try OptionCheck.validate {
            if let cv { try CrossValidation.validate(folds: cv) }
            try EvaluationReport.validate(threshold: threshold, calibrationBins: bins)
        }
        if training.termOptions.terms == .auto {
            throw ValidationError("--terms auto chooses the terms for churn train; to compare them here, evaluate --terms linear, additive and additive+pairs with the same --cv")
        }
        try training.checkTerms(alsoLinearOnly: linearOnlyOptions)
        if model != nil && (cv != nil || searchC != nil || backtest != nil) {
            throw ValidationError("--cv, --search-C and --backtest evaluate a recipe; leave out --model")
        }
        if model == nil && cv == nil && searchC == nil && backtest == nil && compare == nil && !fitChecks {
            throw ValidationError("give --model FILE, or --cv K, --search-C LIST or --backtest DATE")
        }
        if predictions != nil && model == nil && cv == nil && searchC == nil {
            throw ValidationError("--predictions writes the rows of --model or --cv/--search-C, not of --backtest")
        }
        if let searchC, Self.numbers(searchC) == nil { throw ValidationError("--search-C takes numbers like 0.01,0.1,1") }
        if let l1Ratios, Self.numbers(l1Ratios) == nil { throw ValidationError("--l1-ratios takes numbers like 0,0.5,1") }
        if let searchC, let Cs = Self.numbers(searchC) {
            try OptionCheck.validate {
                try HyperParameterSearch.validate(Cs: Cs, l1Ratios: l1Ratios.flatMap(Self.numbers) ?? [training.l1Ratio])
            }
        }
    }

    /// This command's options that only a linear model has: an elastic-net mix to search.
    var linearOnlyOptions: [String] {
        (l1Ratios.flatMap(Self.numbers) ?? []).contains { $0 != 0 } ? ["--l1-ratios"] : []
    }

    static func numbers(_ text: String) -> [Double]? {
        let values = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        return values.isEmpty || values.contains(where: { $0 == nil }) ? nil : values.map { $0! }
    }

    /// The JSON output: whichever parts ran.
    struct Output: Encodable {
        var model: String?
        var rows: Int?
        var evaluation: EvaluationReport?
        var crossValidation: CrossValidationResultSummary?
        var search: HyperParameterSearch?
        var backtest: BacktestResult?
        var comparison: BGNBDComparison?
        var fitChecks: BGNBDFitChecks?

        enum CodingKeys: String, CodingKey {
            case model, rows, evaluation, crossValidation = "cross_validation", search, backtest, comparison, fitChecks = "fit_checks"
        }
    }

    /// Cross-validation without the per-row probabilities.
    struct CrossValidationResultSummary: Encodable {
        var folds: Int
        var seed: UInt64
        var grouped: Bool
        var foldSummaries: [CrossValidationResult.FoldSummary]
        var meanFoldAUC: Double

        enum CodingKeys: String, CodingKey { case folds, seed, grouped, foldSummaries = "fold_summaries", meanFoldAUC = "mean_fold_roc_auc" }
    }

    func run() throws {
        try runReportingErrors {
            try checkRunFiles(inputs: [("data", training.data), ("--model", model)], outputs: [("--rejects", training.logOptions.rejects)])
            let progress = ProgressReporter(label: "evaluating", quiet: quiet)
            var output = Output()
            var text: [String] = []
            if let modelPath = model {
                try evaluateModel(at: modelPath, output: &output, text: &text, progress: progress)
            } else {
                let (terms, note) = training.resolvedTerms(alsoLinearOnly: linearOnlyOptions)
                if let note {
                    // With --json, standard output is the one object; the note still reaches the person.
                    if json { Terminal.printError(note) } else { text.append(note) }
                }
                let recipe = try training.recipe(modelName: "recipe", terms: terms)
                if let backtest {
                    let result = try Backtest.run(recipe, evaluationCutoff: backtest, progress: progress)
                    output.backtest = result
                    text.append("Backtest: trained at \(result.trainingCutoff) (\(result.trainingRows) rows), evaluated at \(result.evaluationCutoff) (\(result.evaluationRows) rows), horizon \(result.horizonDays) days")
                    text.append(EvaluationText.render(result.report))
                }
                if compare != nil || fitChecks {
                    try evaluateBGNBD(recipe, output: &output, text: &text, progress: progress)
                }
                if (cv != nil || searchC != nil) && compare == nil {
                    try crossValidate(recipe, output: &output, text: &text, progress: progress)
                }
            }
            progress.finish()
            if let predictions, !json { text.append("wrote \(predictions)") }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(output), as: UTF8.self))
            } else {
                print(text.joined(separator: "\n\n"))
            }
        }
    }

    /// A saved model on the data, at the model's own columns and horizon unless overridden.
    func evaluateModel(at modelPath: String, output: inout Output, text: inout [String], progress: ProgressReporter) throws {
        let loaded = try ChurnModel.load(path: modelPath)
        let recipe = try training.recipe(modelName: "evaluated", defaultHorizon: loaded.featureSpec.transactions?.horizonDays,
                                         modelColumns: loaded.featureSpec.transactions?.columns)
        let result = try RecipeEvaluation.evaluate(loaded, on: recipe, threshold: threshold, calibrationBins: bins,
                                                   calibrationStrategy: calibration, progress: progress)
        if let predictions { try result.predictions.write(to: predictions, format: Self.format(of: predictions)) }
        output.model = loaded.modelID
        output.rows = result.table.rowCount
        output.evaluation = result.report
        text.append("Model \(loaded.modelID) on \(training.data): \(result.table.rowCount) rows")
        text.append(EvaluationText.render(result.report))
    }

    /// The recipe cross-validated (with a grid search over C when asked), folds given or stratified.
    func crossValidate(_ recipe: TrainingRecipe, output: inout Output, text: inout [String], progress: ProgressReporter) throws {
        let folds = cv ?? 5
        let grid = searchC.map {
            RecipeEvaluation.SearchGrid(Cs: Self.numbers($0)!, l1Ratios: l1Ratios.flatMap(Self.numbers) ?? [training.l1Ratio],
                                        criterion: criterion)
        }
        let assignment = grid == nil ? try self.folds.map { try FoldFile.read($0, foldCount: folds) } : nil
        let evaluated = try RecipeEvaluation.crossValidate(recipe, folds: folds, seed: training.seed, assignment: assignment,
                                                           search: grid, progress: progress)
        let result = evaluated.result
        for warning in evaluated.data.inputWarnings { Terminal.printError("warning: " + OptionCheck.flagged(warning)) }
        if let search = evaluated.search {
            output.search = search
            text.append(EvaluationText.render(search))
        }
        output.rows = evaluated.data.table.rowCount
        if let predictions { try evaluated.predictions.write(to: predictions, format: Self.format(of: predictions)) }
        output.evaluation = result.outOfFold
        output.crossValidation = .init(folds: result.folds, seed: result.seed, grouped: result.grouped,
                                       foldSummaries: result.foldSummaries, meanFoldAUC: result.meanFoldAUC)
        let chosen = evaluated.chosen.settings
        let kind = "terms \(recipe.termsKind.rawValue), C = \(NumberText.format(chosen.C))"
            + (recipe.termsKind == .linear ? ", l1_ratio = \(NumberText.format(chosen.l1Ratio))" : "")
        text.append("\(folds)-fold cross-validation (seed \(training.seed)\(result.grouped ? ", customers kept within one fold" : "")), \(kind), \(evaluated.data.table.rowCount) rows; out-of-fold predictions:")
        text.append(EvaluationText.render(result.outOfFold))
        // One block: the blocks of `text` are printed a blank line apart.
        text.append((["fold  rows    roc_auc  log_loss"] + result.foldSummaries.map { fold in
            "\(String(fold.fold).leftPadding(4))  \(String(fold.testRows).padding(6))  \(NumberText.fixed(fold.rocAUC, 4))   \(NumberText.fixed(fold.logLoss, 4))\(fold.converged ? "" : "  (not converged)")"
        }).joined(separator: "\n"))
    }
}

extension EvaluateCommand {
    /// JSON Lines for a `.jsonl` file, CSV otherwise.
    static func format(of path: String) -> TableFormat { path.lowercased().hasSuffix(".jsonl") ? .jsonl : .csv }
}

extension HyperParameterSearch.Criterion: ExpressibleByArgument {}

extension CalibrationStrategy: ExpressibleByArgument {}
