import ArgumentParser
import ChurnKit
import Foundation

/// `churn score`: a model and customers in, a ranked, explained risk list out.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Rank customers by churn risk with a trained model: probability, band, reasons and value at risk.",
        discussion: """
        Higher churn_probability = higher risk: the list is sorted by it, highest first, equal \
        probabilities by customer id (numeric ids numerically), so reruns are byte-identical. \
        Transaction models rebuild each customer's features from the log as of --as-of (default: \
        the log's last date); table models read a table with one row per customer.

        Columns: rank, customer_id, churn_probability, decile (1 = riskiest 10%), risk_band, \
        reason_1..3 (the inputs pushing the risk up most, e.g. days_since_last=214 (+1.31): the \
        feature's value and its contribution β·(x − mean)/std to the logit), expected_value_at_risk \
        (churn_probability × expected spend over the horizon; see the README), model_id, scored_at.

        Bands: --bands HIGH,MEDIUM, by probability (default 0.7,0.4: p ≥ 0.7 high, ≥ 0.4 medium) \
        or with --band-by rank by rank fractions (default 0.1,0.3: top 10% high, next 20% medium).

        Outreach: --top N, --min-probability P, --budget B --contact-cost C --save-rate S (contacts \
        by expected net gain p × value × S − C while positive and affordable). Only the selected \
        customers are written.

        Examples:
          churn score --model models/cdnow.json datasets/cdnow/transactions.csv \\
            --output risk.csv
          churn score --model models/cdnow.json log.csv --as-of 1998-03-31 \\
            --budget 500 --contact-cost 2 --save-rate 0.2 --output calls.csv
          churn score --model models/telco.json customers.csv \\
            --value-column monthly_charges --output risk.csv
        """
    )

    enum BandMode: String, ExpressibleByArgument, CaseIterable { case probability, rank }

    @Option(help: "The model file (from churn train).")
    var model: String

    @Argument(help: "Transaction log (transaction models) or a table with one row per customer (table models).")
    var input: String

    @Option(help: "Transaction models: score as of this date (YYYY-MM-DD). Default: the last date in the log.")
    var asOf: CalendarDay?

    @OptionGroup var rows: RowOutputOptions

    @Option(help: ArgumentHelp("Band thresholds HIGH,MEDIUM: probabilities (default 0.7,0.4) or, with --band-by rank, fractions of customers (default 0.1,0.3).", valueName: "high,medium"))
    var bands: String?

    @Option(help: "Band by probability thresholds or by rank.")
    var bandBy: BandMode = .probability

    @Option(help: "Select at most N customers (the riskiest).")
    var top: Int?

    @Option(help: "Select customers with churn_probability ≥ P.")
    var minProbability: Double?

    @Option(help: "Money available for contacts; needs --contact-cost and --save-rate.")
    var budget: Double?

    @Option(help: "Cost of contacting one customer.")
    var contactCost: Double?

    @Option(help: "Fraction of contacted would-be churners a contact keeps (0–1).")
    var saveRate: Double?

    @Option(help: "Table models: a monthly charge column giving the value at risk (value = charge × horizon / 30).")
    var valueColumn: String?

    @Option(help: "Days of future spend at risk. Default: the model's horizon (transaction models), 365 (table models).")
    var valueHorizon: Int?

    @Option(help: "The scored_at time written into every row (ISO-8601, e.g. 2026-01-31T02:00:00Z). Default: now, in UTC.")
    var scoredAt: String?

    @Flag(help: "Transaction models: add the RFM segment columns (see churn segments).")
    var withSegments = false

    @Flag(help: "Add expected_spend (Gamma-Gamma, per purchase) and clv columns: a bgnbd model, or a logistic model with bgnbd_* inputs.")
    var withClv = false

    @Option(help: "--with-clv: months of the lifetime value (lifetimes' time).")
    var clvMonths: Int = 12

    @Option(help: "--with-clv: discount rate per month (lifetimes' discount_rate).")
    var discountRate: Double = 0.01

    @OptionGroup var logOptions: TransactionLogOptions

    func validate() throws {
        let budgetParts = [budget != nil, contactCost != nil, saveRate != nil]
        if budgetParts.contains(true) && budgetParts.contains(false) {
            throw ValidationError("--budget, --contact-cost and --save-rate go together")
        }
        if let top, top < 0 { throw ValidationError("--top must be ≥ 0") }
        try OptionCheck.validate {
            if let valueHorizon { try ParameterCheck.integer(valueHorizon, "value_horizon_days", in: 1...ParameterCheck.maximumDays) }
        }
        if let scoredAt, ScoreCommand.parseTime(scoredAt) == nil {
            throw ValidationError("--scored-at must be an ISO-8601 date-time such as 2026-01-31T02:00:00Z, got '\(scoredAt)'")
        }
        _ = try bandPolicy()
        _ = try selection()
        try logOptions.validateRejects()
    }

    func bandPolicy() throws -> RiskBands {
        guard let bands else { return bandBy == .probability ? .defaultProbability : .defaultRank }
        let parts = bands.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let high = parts[0], let medium = parts[1] else {
            throw ValidationError("--bands takes two numbers, HIGH,MEDIUM (e.g. 0.7,0.4), got '\(bands)'")
        }
        do {
            return try (bandBy == .probability ? RiskBands.probability(high: high, medium: medium) : .rank(high: high, medium: medium)).validated()
        } catch {
            throw ValidationError("--bands: \(error)")
        }
    }

    func selection() throws -> OutreachSelection {
        let budget = self.budget.map { OutreachSelection.Budget(total: $0, contactCost: contactCost ?? 0, saveRate: saveRate ?? 0) }
        do {
            return try OutreachSelection(top: top, minProbability: minProbability, budget: budget).validated()
        } catch let error as ParameterError {
            throw ValidationError(OptionCheck.message(error))
        }
    }

    static func parseTime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    func run() throws {
        try runReportingErrors {
            try checkRunFiles(inputs: [("--model", model), ("input", input)],
                              outputs: [("--output", rows.output), ("--rejects", logOptions.rejects)])
            let started = MonotonicClock.seconds()
            let churnModel = try ChurnModel.load(path: model)
            let scorer = RiskScorer(model: churnModel)
            let isLog = churnModel.featureSpec.inputKind == .transactions
            if isLog && valueColumn != nil { throw FeatureError.invalidOption("--value-column is for table models; \(model) reads a transaction log") }
            if !isLog && asOf != nil { throw FeatureError.invalidOption("--as-of is for transaction models; \(model) reads a table") }
            if !isLog && withSegments { throw FeatureError.invalidOption("--with-segments needs a transaction model (RFM comes from the log)") }

            let source: FeatureSource = isLog ? logOptions.source(path: input, modelColumns: true) : .table(path: input, columns: TableColumns(delimiter: logOptions.delimiter))
            let scoringInput = try scorer.input(from: source, asOf: asOf, valueColumn: valueColumn, valueHorizonDays: valueHorizon.map(Double.init),
                                                progress: ProgressReporter(label: "reading \(input)", quiet: rows.quiet))
            for warning in scoringInput.warnings + ExtrapolationCheck.warnings(model: churnModel, table: scoringInput.table) {
                Terminal.printError("warning: " + OptionCheck.flagged(warning))
            }
            let list = try scorer.rank(scoringInput, file: input, modelID: churnModel.modelID,
                                       scoredAt: scoredAt ?? ISO8601DateFormatter().string(from: Date()), bands: try bandPolicy())
            let chosen = try selection()
            let result = chosen.select(list)
            let segments = withSegments ? try RFMSegments(scoringInput.table) : nil
            let clv = withClv ? try lifetimeValueColumns(churnModel, table: scoringInput.table) : []
            if let output = rows.output { try list.write(to: output, format: rows.format, selection: result, segments: segments, numericColumns: clv) }
            print(RiskSummaryText.render(list, input: scoringInput, selection: chosen, result: result, model: churnModel,
                                         seconds: MonotonicClock.seconds() - started, output: rows.output))
        }
    }
}

extension TransactionLogOptions {
    /// The log columns when the user named any; nil (the model's own columns) when all are defaults.
    var columnsOverridingModel: TransactionColumns? { columns == TransactionColumns() ? nil : columns }

    /// The log at `path` read with these options. `modelColumns` true: columns left at their
    /// defaults are the model's (``columnsOverridingModel``); false: these columns as they are.
    func source(path: String, modelColumns: Bool) -> FeatureSource {
        .transactionLog(path: path, columns: modelColumns ? columnsOverridingModel : columns, badRows: badRows, rejectsPath: rejects)
    }
}
