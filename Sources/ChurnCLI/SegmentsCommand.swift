import ArgumentParser
import ChurnKit
import Foundation

/// `churn segments`: RFM quintile scores and named segments from a transaction log.
struct SegmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segments",
        abstract: "RFM scores (1–5) and named segments per customer, with counts, revenue and, given a model, mean churn probability.",
        discussion: """
        R from days_since_last (reversed: most recent = 5), F from frequency, M from monetary_total, \
        each 1 + ⌊5·b/n⌋ with b the customers with a strictly worse value (ties share a score). \
        Segments, first matching rule: Champions R≥4 F≥4 M≥4; Loyal R≥3 F≥4; Can't lose them \
        R≤2 F≥4 M≥4; At risk R≤2 F≥3; New R≥4 F=1; Potential loyalist R≥3; Hibernating R=2; Lost R=1.

        Examples:
          churn segments datasets/cdnow/transactions.csv
          churn segments datasets/cdnow/transactions.csv --model models/cdnow.json \\
            --output segments.csv
        """
    )

    @Argument(help: "Transaction log (CSV with a header row).")
    var log: String

    @Option(help: "Features as of this date (YYYY-MM-DD). Default: the last date in the log.")
    var asOf: CalendarDay?

    @Option(help: "A transaction model: adds each customer's churn probability and the mean per segment.")
    var model: String?

    @OptionGroup var rows: RowOutputOptions

    @OptionGroup var logOptions: TransactionLogOptions

    func validate() throws { try logOptions.validateRejects() }

    func run() throws {
        try runReportingErrors {
            try checkRunFiles(inputs: [("log", log), ("--model", model)], outputs: [("--output", rows.output), ("--rejects", logOptions.rejects)])
            let started = MonotonicClock.seconds()
            let progress = ProgressReporter(label: "reading \(log)", quiet: rows.quiet)
            let table: FeatureTable
            var probabilities: [Double]? = nil
            var asOfDay: CalendarDay
            if let model {
                let churnModel = try ChurnModel.load(path: model)
                guard churnModel.featureSpec.inputKind == .transactions else {
                    throw FeatureError.invalidOption("\(model) is a table model; segments need a transaction model")
                }
                let scorer = RiskScorer(model: churnModel)
                let input = try scorer.input(from: logOptions.source(path: log, modelColumns: true), asOf: asOf, progress: progress)
                table = input.table
                asOfDay = input.asOf!
                probabilities = try scorer.score(input, file: log).map(\.churnProbability)
            } else {
                let result = try logOptions.source(path: log, modelColumns: false).transactionFeatures(asOf: asOf, horizonDays: nil, progress: progress)
                table = result.table
                asOfDay = result.window.cutoff
            }
            let segments = try RFMSegments(table)
            if let output = rows.output { try segments.write(to: output, format: rows.format, churnProbabilities: probabilities) }
            print(SegmentSummaryText.render(segments.summary(churnProbabilities: probabilities), asOf: asOfDay,
                                            seconds: MonotonicClock.seconds() - started, output: rows.output))
        }
    }
}
