import ArgumentParser
import ChurnKit

/// `churn features`: a transaction log in, one feature row per customer out.
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Compute per-customer RFM features (and churn labels) from a transaction log.",
        discussion: """
        Transactions on or before --cutoff are the calibration window; with --horizon N, a customer \
        with no purchase in the N days after the cut-off is labelled is_churn = 1. Columns: \
        \(TransactionFeature.allCases.map(\.name).joined(separator: ", ")) (definitions in the README; \
        frequency, recency, T and monetary_value are lifetimes' exactly).

        A labelled table (one row per customer, --label COLUMN --positive VALUE) is encoded instead: \
        numeric columns as they are, text columns one-hot (levels in fewer than --min-level-rows \
        rows share one <column>=(other) column), missing cells filled with the median plus a \
        <column>_missing indicator; the label becomes is_churn.

        Examples:
          churn features datasets/cdnow/transactions.csv --cutoff 1997-09-30 \\
            --horizon 273 --output features.csv
          churn features datasets/telco/wa_churn.csv --label churn --positive Yes \\
            --output telco-features.csv
        """
    )

    @Argument(help: "Transaction log (CSV with a header row).")
    var log: String

    @Option(help: "Cut-off date (YYYY-MM-DD). Default: the last date in the log, minus --horizon when given (so the holdout is observed).")
    var cutoff: CalendarDay?

    @Option(help: "Holdout length in days after the cut-off; gives the is_churn label.")
    var horizon: Int?

    @OptionGroup var table: LabelledTableOptions

    @OptionGroup var rows: RowOutputOptions

    @OptionGroup var logOptions: TransactionLogOptions

    func validate() throws {
        try OptionCheck.validate {
            if let horizon { try ParameterCheck.integer(horizon, "horizon_days", in: 1...ParameterCheck.maximumDays) }
        }
        try logOptions.validateRejects()
    }

    func run() throws {
        try runReportingErrors {
            try checkRunFiles(inputs: [("log", log)], outputs: [("--output", rows.output), ("--rejects", logOptions.rejects)])
            if let label = table.label {
                let started = MonotonicClock.seconds()
                let (encoding, encoded, warnings) = try FeatureSource.table(path: log, columns: table.columns(label: label, reading: logOptions))
                    .encodedTableWithWarnings()
                for warning in warnings { Terminal.printError("warning: " + OptionCheck.flagged(warning)) }
                if let output = rows.output { try encoded.write(to: output, format: rows.format) }
                let churned = encoded.labels!.reduce(0, +)
                print("""
                rows             \(encoded.rowCount)
                churned          \(Int(churned)) (churn rate \(NumberText.fixed(churned / Double(encoded.rowCount), 10)))
                encoded columns  \(encoded.columnCount) from \(encoding.columns.count) input columns
                time             \(NumberText.fixed(MonotonicClock.seconds() - started, 3)) s
                """ + (rows.output.map { "\nwrote            \($0)" } ?? "")
                    + "\n\ncolumn types (decided from every cell)\n" + encoding.columnTypeDescriptions.map { "  " + $0 }.joined(separator: "\n"))
                return
            }
            let result = try logOptions.source(path: log, modelColumns: false)
                .transactionFeatures(asOf: cutoff, horizonDays: horizon, progress: ProgressReporter(label: "reading \(log)", quiet: rows.quiet))
            try result.table.checkFinite(file: log)
            if let output = rows.output { try result.table.write(to: output, format: rows.format) }
            print(FeatureSummaryText.render(result, output: rows.output))
        }
    }
}

extension String {
    /// Left-aligned in a field of `width` characters.
    func padding(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
    /// Right-aligned in a field of `width` characters.
    func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
