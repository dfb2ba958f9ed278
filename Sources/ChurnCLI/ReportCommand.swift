import ArgumentParser
import ChurnKit
import Foundation

/// `churn report`: one self-contained HTML page about a model, its evaluation, today's risk list
/// and the log's retention, for people who will not read a terminal.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report: the model, its evaluation, the risk list and retention.",
        discussion: """
        One self-contained HTML file (no scripts, no network; charts are inline SVG, each with \
        its data table): the model (inputs, coefficients by importance, training report, \
        diagnostics), its evaluation on labelled data (ROC and precision-recall curves, gains, \
        lift, calibration, metrics; with --cv K the model's recipe is cross-validated and the \
        folds shown), the risk list (bands, value at risk by band and decile, top accounts by \
        probability and by value, with reasons) and, for transaction logs, retention metrics \
        over time and the cohort heat map. A model with a BG/NBD fit (--kind bgnbd, or \
        bgnbd_* inputs) also gets its fit checks: customers by number of repeat purchases, \
        actual and expected, and mean holdout purchases against the model's prediction.

        Labels come as in churn evaluate: for a log, --cutoff (default: the last date minus \
        the model's horizon) and the model's horizon; for a table, the model's label column. \
        The risk list scores the log as of --as-of (default: its last date), or the table.

        Examples:
          churn report --model models/cdnow.json datasets/cdnow/transactions.csv \\
            --cv 5 --output report.html
          churn report --model models/telco.json datasets/telco/wa_churn.csv \\
            --output telco.html
        """
    )

    @OptionGroup var training: TrainingOptions

    @Option(help: "The model file (from churn train).")
    var model: String

    @Option(name: .shortAndLong, help: "Where to write the HTML file (written atomically).")
    var output: String = "report.html"

    @Option(help: "Cross-validate the model's recipe (its inputs and hyper-parameters) with K folds.")
    var cv: Int?

    @Option(help: "Transaction models: the risk list as of this date. Default: the log's last date.")
    var asOf: CalendarDay?

    @Option(help: "Period of the retention metrics and cohorts: month, quarter or year.")
    var period: RetentionPeriod = .month

    @Option(help: "Accounts in each top-accounts table.")
    var top: Int = 15

    @Option(help: "Table models: a monthly charge column giving the value at risk.")
    var valueColumn: String?

    @Flag(help: "No progress display.")
    var quiet = false

    func validate() throws {
        if let cv, cv < 2 { throw ValidationError("--cv needs at least 2 folds") }
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if training.termOptions.terms == .auto {
            throw ValidationError("--terms auto chooses the terms for churn train; the report cross-validates the model's own terms")
        }
    }

    func run() throws {
        try runReportingErrors {
            let loaded = try ChurnModel.load(path: model)
            let isLog = loaded.featureSpec.inputKind == .transactions
            if isLog && valueColumn != nil { throw FeatureError.invalidOption("--value-column is for table models; \(model) reads a transaction log") }
            if !isLog && asOf != nil { throw FeatureError.invalidOption("--as-of is for transaction models; \(model) reads a table") }
            var report = ChurnReport(title: "Churn report: \((training.data as NSString).lastPathComponent)",
                                     subtitle: "churn report · ChurnKit \(ChurnKitVersion.current) · model \(loaded.modelID) · \(ISO8601DateFormatter().string(from: Date()))")
            report.sections.append(ChurnReport.modelSection(for: loaded))
            if isLog, let fit = loaded.bgnbd, let checks = try fitCheckSection(loaded, fit) { report.sections.append(checks) }
            report.sections.append(try evaluationSection(loaded))
            let (riskSection, warnings) = try riskSection(loaded, isLog: isLog)
            report.sections.append(riskSection)
            if isLog {
                let columns = training.logOptions.columnsOverridingModel ?? loaded.featureSpec.transactions!.columns
                let log = FeatureSource.transactionLog(path: training.data, columns: columns, badRows: training.logOptions.badRows)
                let metrics = try RetentionReport.read(log, period: period, activeWindowDays: 90,
                                                       progress: ProgressReporter(label: "retention", quiet: quiet))
                let cohorts = try CohortTable.read(log, period: period, progress: ProgressReporter(label: "cohorts", quiet: quiet))
                report.sections.append(RetentionSection(metrics: metrics, cohorts: cohorts))
            } else {
                report.sections.append(RetentionSection(metrics: nil, cohorts: nil, unavailableReason:
                    "Not available for this model: it was trained on a labelled table (one row per customer, no purchase dates), so there is no log to compute retention over time or acquisition cohorts from. A model trained on a transaction log gets this section."))
            }
            for warning in warnings { Terminal.printError("warning: " + OptionCheck.flagged(warning)) }
            try report.write(to: output)
            print("wrote \(output)")
        }
    }

    /// The recipe that gives the labelled rows: the training options, or for a table model given
    /// no --label, the model's own label column.
    func recipe(for loaded: ChurnModel) throws -> TrainingRecipe {
        var recipe: TrainingRecipe
        if loaded.featureSpec.inputKind == .table, training.table.label == nil, let encoding = loaded.featureSpec.table {
            // No --label: the model's own label, positive value and id columns.
            // Cross-validation refits the encoding: in the model's notation, or the one given.
            let typing = TableTyping(negativeLabels: encoding.negativeLabels,
                                     decimalComma: encoding.decimalComma == true || training.logOptions.decimalComma)
            let columns = TableColumns(label: encoding.labelColumn, positiveLabel: encoding.positiveLabel, id: encoding.idColumn,
                                       typing: typing, delimiter: training.logOptions.delimiter)
            recipe = TrainingRecipe(source: .table(path: training.data, columns: columns), modelName: "report")
        } else {
            recipe = try training.recipe(modelName: "report", defaultHorizon: loaded.featureSpec.transactions?.horizonDays, modelColumns: loaded.featureSpec.transactions?.columns)
        }
        // Cross-validation refits the model's own recipe.
        let h = loaded.hyperParameters
        recipe.inputs = loaded.inputs
        recipe.settings.C = h.C
        recipe.settings.l1Ratio = h.l1Ratio
        recipe.settings.classWeight = h.classWeight
        recipe.settings.standardize = h.standardize
        recipe.settings.fitIntercept = h.fitIntercept
        recipe.settings.solver = h.solver
        recipe.settings.inference = false
        recipe.settings.separationCheck = false
        recipe.additive = loaded.terms.map { AdditiveSettings(refitting: $0, seed: h.seed) }
        return recipe
    }

    func evaluationSection(_ loaded: ChurnModel) throws -> EvaluationSection {
        var recipe = try recipe(for: loaded)
        let progress = ProgressReporter(label: "evaluating", quiet: quiet)
        defer { progress.finish() }
        let where_: String
        if recipe.source.hasTransactions {
            let cutoffs = try recipe.resolvedCutoffs(modelColumns: loaded.featureSpec.transactions?.columns)
            recipe.schedule = .cutoffs(cutoffs)
            let dates = cutoffs.count == 1 ? "cut-off \(cutoffs[0])" : "\(cutoffs.count) cut-offs from \(cutoffs.min()!) to \(cutoffs.max()!)"
            where_ = "\((training.data as NSString).lastPathComponent) at \(dates) (features up to the cut-off; churned = no purchase in the next \(recipe.horizonDays ?? 0) days)"
        } else {
            let columns = recipe.source.tableColumns ?? TableColumns()
            let label = columns.label ?? loaded.featureSpec.table?.labelColumn ?? ""
            let positive = columns.label != nil ? columns.positiveLabel : loaded.featureSpec.table?.positiveLabel ?? ""
            where_ = "\((training.data as NSString).lastPathComponent) (churned = '\(label)' is '\(positive)')"
        }
        if let cv {
            let data = try recipe.loadData(progress: progress)
            let result = try CrossValidation.run(recipe, data: data, folds: cv, seed: training.seed, progress: progress)
            return EvaluationSection(report: result.outOfFold,
                                     provenance: "\(cv)-fold stratified cross-validation of the model's recipe (its inputs, C and class weight) on \(where_), \(data.table.rowCount) rows, seed \(training.seed)\(result.grouped ? ", each customer's snapshots in one fold" : ""): every row is predicted by a model that did not see it, so these are honest estimates.",
                                     folds: result.foldSummaries)
        }
        let result = try RecipeEvaluation.evaluate(loaded, on: recipe, progress: progress)
        let (table, evaluation) = (result.table, result.report)
        var provenance = "The model applied to \(where_), \(table.rowCount) rows."
        let sameFile = (try? ContentDigest.ofInput(at: training.data)) == loaded.trainingData.sha256
        var overlaps = true
        if case let .cutoffs(cutoffs) = recipe.schedule, let trained = loaded.featureSpec.transactions?.trainingCutoffs {
            overlaps = !Set(cutoffs).isDisjoint(with: trained)
        }
        if sameFile && overlaps {
            provenance += " These rows (or some of them) trained the model, so the numbers are in-sample and optimistic; add --cv K for an honest estimate."
        } else if sameFile {
            provenance += " The model was trained on other cut-offs of the same log."
        }
        return EvaluationSection(report: evaluation, provenance: provenance)
    }

    /// The BG/NBD fit checks of `fit` on the log split at the evaluation's (latest) cut-off, the
    /// holdout being the model's horizon; nil for a prepared training table (no log to split).
    func fitCheckSection(_ loaded: ChurnModel, _ fit: BuyTillYouDieModel) throws -> BGNBDFitCheckSection? {
        let recipe = try recipe(for: loaded)
        if case let .transactionLog(path, _, _, _) = recipe.source, TrainingTableFile.isTrainingTable(path: path) { return nil }
        guard let horizon = recipe.horizonDays, let cutoff = try recipe.resolvedCutoffs(modelColumns: loaded.featureSpec.transactions?.columns).max()
        else { return nil }
        let progress = ProgressReporter(label: "fit checks", quiet: quiet)
        defer { progress.finish() }
        let split = try BGNBDHoldoutSplit.read(recipe.source, modelColumns: loaded.featureSpec.transactions?.columns,
                                               cutoff: cutoff, holdoutDays: horizon, progress: progress)
        return BGNBDFitCheckSection(checks: try split.fitChecks(parameters: fit.parameters), cutoff: cutoff, parameters: fit.parameters,
                                    isWholeModel: loaded.modelType == ChurnModel.bgnbdType)
    }

    func riskSection(_ loaded: ChurnModel, isLog: Bool) throws -> (RiskListSection, [String]) {
        let scorer = RiskScorer(model: loaded)
        let source: FeatureSource = isLog ? training.logOptions.source(path: training.data, modelColumns: true) : .table(path: training.data, columns: TableColumns(delimiter: training.logOptions.delimiter))
        let input = try scorer.input(from: source, asOf: asOf, valueColumn: valueColumn, progress: ProgressReporter(label: "scoring", quiet: quiet))
        let warnings = input.warnings + ExtrapolationCheck.warnings(model: loaded, table: input.table)
        let list = try scorer.rank(input, file: training.data, modelID: loaded.modelID, scoredAt: ISO8601DateFormatter().string(from: Date()))
        let scope = isLog
            ? "Every customer of \((training.data as NSString).lastPathComponent) with a purchase on or before \(input.asOf.map(\.description) ?? "the last date"), scored as of that date."
            : "Every row of \((training.data as NSString).lastPathComponent), scored with the model."
        return (RiskListSection(list: list, scope: scope, valueHorizonDays: input.expectedSpend == nil ? nil : input.valueHorizonDays,
                                warnings: warnings, topCount: top), warnings)
    }
}
