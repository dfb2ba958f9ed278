import ArgumentParser
import ChurnKit

/// `churn metrics`: retention rate, churn, repeat rate, revenue churn and CLV per calendar period.
struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Business retention metrics per month, quarter or year from a transaction log.",
        discussion: """
        One row per period: customers_start (S), new_customers (N), customers_end (E), retention \
        rate (E − N) / S × 100, churn rate lost / S × 100, repeat purchase rate, purchase frequency, \
        average order value, revenue, revenue churn, net revenue retention and predicted CLV. A \
        customer is active at day d while d − (last order on or before d) < --active-window days. \
        An order is a row with amount ≥ 0; refunds (amount < 0) only lower revenue. Undefined rates \
        (S = 0, no previous revenue) are empty in CSV, null in JSON Lines and n/a in the table. \
        Every definition is in the README ("Retention metrics").

        Example:
          churn metrics datasets/cdnow/transactions.csv --period month
          churn metrics datasets/cdnow/transactions.csv --period quarter \\
            --margin 0.3 --discount-rate 0.02 --format csv --output metrics.csv
        """
    )

    @Argument(help: "Transaction log (CSV with a header row).")
    var log: String

    @Option(help: "Calendar period of each row: month, quarter or year.")
    var period: RetentionPeriod = .month

    @OptionGroup var report: ReportOutputOptions

    @Option(help: "Days an order keeps a customer active: active at day d while d − last order < this.")
    var activeWindow = 90

    @Option(help: "Gross margin as a fraction of revenue, for predicted CLV.")
    var margin = 1.0

    @Option(help: "Discount rate per period as a fraction (0.01 = 1% per period), for predicted CLV.")
    var discountRate = 0.0

    @OptionGroup var logOptions: TransactionLogOptions

    func validate() throws {
        try OptionCheck.validate {
            try RetentionReport.validate(activeWindowDays: activeWindow)
            try CustomerLifetimeValue.validate(margin: margin, discountRate: discountRate)
        }
        try logOptions.validateRejects()
    }

    func run() throws {
        try runReportingErrors {
            try checkRunFiles(inputs: [("log", log)], outputs: [("--output", report.output), ("--rejects", logOptions.rejects)])
            let result = try RetentionReport.read(logOptions.source(path: log, modelColumns: false), period: period, activeWindowDays: activeWindow,
                                                  lifetimeValue: CustomerLifetimeValue(margin: margin, discountRate: discountRate),
                                                  progress: report.progress(reading: log))
            try report.emit(result.table())
        }
    }
}
