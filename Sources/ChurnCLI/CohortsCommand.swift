import ArgumentParser
import ChurnKit

/// `churn cohorts`: acquisition cohorts × periods since acquisition.
struct CohortsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohorts",
        abstract: "Acquisition cohorts × periods since acquisition: retention %, active customers or revenue.",
        discussion: """
        A customer's cohort is the period of their first order (a row with amount ≥ 0). Cell \
        period_t of a cohort: with --measure retention, the % of the cohort with an order in the \
        t-th period after acquisition (period_0 is 100%); with customers, their number; with \
        revenue, the cohort's net revenue in that period. Cells after the end of the log are empty.

        Example:
          churn cohorts datasets/cdnow/transactions.csv --period month
          churn cohorts datasets/cdnow/transactions.csv --measure revenue \\
            --format csv --output cohorts.csv
        """
    )

    @Argument(help: "Transaction log (CSV with a header row).")
    var log: String

    @Option(help: "Calendar period of a cohort and of the columns: month, quarter or year.")
    var period: RetentionPeriod = .month

    @OptionGroup var report: ReportOutputOptions

    @Option(help: "What the cells show: retention, customers or revenue.")
    var measure: CohortMeasure = .retention

    @OptionGroup var logOptions: TransactionLogOptions

    func validate() throws {
        try logOptions.validateRejects()
        if measure == .revenue && !logOptions.columns.hasAmounts {
            throw ValidationError("--measure revenue needs amounts; this log is read with --amount-column none")
        }
    }

    func run() throws {
        try runReportingErrors {
            try checkRunFiles(inputs: [("log", log)], outputs: [("--output", report.output), ("--rejects", logOptions.rejects)])
            let cohorts = try CohortTable.read(logOptions.source(path: log, modelColumns: false), period: period, progress: report.progress(reading: log))
            try report.emit(cohorts.table(measure))
        }
    }
}
