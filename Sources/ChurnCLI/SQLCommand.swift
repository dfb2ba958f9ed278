import ArgumentParser
import ChurnKit
import Foundation

/// `churn sql`: a model (or the feature definitions) as one SQL query for DuckDB or Apache Spark.
struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Write a model as SQL for DuckDB or Spark: features, probability, rank, decile, band and reasons, as churn score computes them.",
        discussion: """
        The query reads a table in the warehouse and returns rank, customer_id, churn_probability, \
        decile, risk_band, reason_1..3 and model_id in churn score's order. Transaction models read a \
        table with the model's columns (customer id, a DATE, an amount); table models read one row \
        per customer and need an id column (--id-column when the model has none). Names are quoted, \
        never spliced; every constant comes from the model file in round-trip form. Linear and \
        additive models (--terms additive, additive+pairs: each term's cut points as a CASE, its \
        table read at the row's cell) export, and so do BG/NBD models (--kind bgnbd: P(no purchase \
        in the horizon) in closed form, the reason in words), as does a logistic model reading \
        bgnbd_p_alive; bgnbd_expected_purchases is refused (it needs a hypergeometric series).

        With --features (no model) it writes the training-table query instead: customer_id, the \
        feature columns and, with --horizon, is_churn, exactly as churn features computes them. \
        churn train reads that table, saved as CSV, as it reads the log (give the same --cutoff and \
        --horizon).

        Examples:
          churn sql --model models/cdnow.json --dialect duckdb \\
            --table transactions --as-of 1998-06-30 --output score.sql
          churn sql --model models/telco.json --dialect spark \\
            --table customers --id-column customer_id
          churn sql --features --dialect spark --table transactions \\
            --cutoff 1997-09-30 --horizon 273 --output train.sql
        """
    )

    @Option(help: "The model file (from churn train).")
    var model: String?

    @Option(help: "SQL dialect: duckdb or spark.")
    var dialect: SQLDialect

    @Option(help: "The table or view to read (schema.table allowed; each part is quoted). Default: transactions (logs), customers (table models).")
    var table: String?

    @Option(help: "Transaction models: score as of this date (YYYY-MM-DD).")
    var asOf: CalendarDay?

    @Flag(help: "Transaction models: score as of the latest date in the table (the default).")
    var asOfLatest = false

    @Flag(help: "Write the training-table query (features and is_churn) instead of a scoring query.")
    var features = false

    @Option(help: "With --features: the cut-off date. Default: the latest date in the table.")
    var cutoff: CalendarDay?

    @Option(help: "With --features: holdout length in days after the cut-off; gives is_churn.")
    var horizon: Int?

    @Option(help: "Table models: the customer id column (needed when the model has none).")
    var idColumn: String?

    @Option(help: "Transaction columns: customer id (default: the model's, or customer_id).")
    var customerColumn: String?

    @Option(help: "Transaction columns: purchase date (default: the model's, or date).")
    var dateColumn: String?

    @Option(help: "Transaction columns: amount (default: the model's, or amount; 'none' for a log without amounts).")
    var amountColumn: String?

    @Option(help: ArgumentHelp("Band thresholds HIGH,MEDIUM, as churn score takes them.", valueName: "high,medium"))
    var bands: String?

    @Option(help: "Band by probability thresholds or by rank.")
    var bandBy: ScoreCommand.BandMode = .probability

    @Option(name: .shortAndLong, help: "Where to write the SQL (written atomically). Default: standard output.")
    var output: String?

    func validate() throws {
        if asOf != nil && asOfLatest { throw ValidationError("use either --as-of DATE or --as-of-latest, not both") }
        if let horizon, horizon <= 0 { throw ValidationError("--horizon must be a positive number of days") }
        if features {
            if model != nil { throw ValidationError("--features writes the training-table query and takes no --model") }
            if asOf != nil || asOfLatest { throw ValidationError("--features takes --cutoff, not --as-of") }
        } else {
            if model == nil { throw ValidationError("give --model M (a scoring query) or --features (the training-table query)") }
            if cutoff != nil || horizon != nil { throw ValidationError("--cutoff and --horizon go with --features; a scoring query takes --as-of") }
        }
        _ = try bandPolicy()
    }

    /// The bands as `churn score --bands/--band-by` reads them.
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

    /// The transaction columns given on the command line over `base`; nil when none was given.
    func columns(over base: TransactionColumns) -> TransactionColumns? {
        guard customerColumn != nil || dateColumn != nil || amountColumn != nil else { return nil }
        return TransactionColumns(customer: customerColumn ?? base.customer, date: dateColumn ?? base.date, amount: amountColumn.map(TransactionLogOptions.amountColumn) ?? base.amount)
    }

    func run() throws {
        try runReportingErrors {
            let text: String
            if features {
                text = try SQLExporter.featuresScript(dialect: dialect, table: table ?? "transactions",
                                                      columns: columns(over: TransactionColumns()) ?? TransactionColumns(),
                                                      cutoff: cutoff.map { .date($0) } ?? .latest, horizonDays: horizon)
            } else {
                let churnModel = try ChurnModel.load(path: model!)
                let isLog = churnModel.featureSpec.inputKind == .transactions
                let options = SQLScoringOptions(table: table ?? (isLog ? "transactions" : "customers"), asOf: asOf.map { .date($0) } ?? .latest,
                                                bands: try bandPolicy(), idColumn: idColumn,
                                                columns: columns(over: churnModel.featureSpec.transactions?.columns ?? TransactionColumns()))
                do {
                    text = try SQLExporter.scoringScript(model: churnModel, dialect: dialect, options: options)
                } catch let error as SQLExportError {
                    Terminal.printError("Error: " + Self.message(error))
                    throw ExitCode(ChurnExitCode.code(for: error))
                }
            }
            if let output {
                try AtomicFileWriter.write(text, to: output)
            } else {
                print(text, terminator: "")
            }
        }
    }
}

extension SQLCommand {
    /// ``SQLScoringOptions`` property → the flags that set it.
    static let flags = ["asOf": "--as-of", "idColumn": "--id-column", "columns": "--customer-column/--date-column/--amount-column"]

    /// The library's message with the flags in place of the ``SQLScoringOptions`` properties.
    static func message(_ error: SQLExportError) -> String {
        switch error {
        case let .optionNotForModel(option, model, modelInput):
            let other = modelInput == .table ? "transaction" : "table"
            let verb = option == "columns" ? "are" : "is"
            return "\(flags[option] ?? option) \(verb) for \(other) models; \(model) reads \(modelInput == .table ? "a table" : "a transaction log")"
        case let .missingIDColumn(model):
            return "\(model) was trained on a table without an id column, and a SQL table has no row order to number customers by: give --id-column NAME"
        default:
            return error.description
        }
    }
}

extension SQLDialect: ExpressibleByArgument {}
