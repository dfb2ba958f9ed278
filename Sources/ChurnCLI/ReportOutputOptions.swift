import ArgumentParser
import ChurnKit

/// Options every report command shares: the format and where the report goes.
struct ReportOutputOptions: ParsableArguments {
    @Option(help: "Output format: table, csv or jsonl.")
    var format: ReportFormat = .table

    @Option(name: .shortAndLong, help: "Write the report to this file (atomically; - for standard output) instead of the readable table.")
    var output: String?

    @Flag(help: "No progress display.")
    var quiet = false

    func progress(reading log: String) -> ProgressReporter { ProgressReporter(label: "reading \(log)", quiet: quiet) }

    /// Prints the report, or writes it to `--output` and prints a readable copy.
    func emit(_ table: ReportTable) throws {
        guard let output else {
            print(table.rendered(format), terminator: "")
            return
        }
        try table.write(to: output, format: format)
        if output == "-" { return }
        print(table.rendered(.table), terminator: "")
        print("wrote \(output)")
    }
}

extension TransactionLogOptions {
    func validateRejects() throws {
        if rejects != nil && badRows != .skip { throw ValidationError("--rejects needs --bad-rows skip") }
    }
}

extension RetentionPeriod: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension CohortMeasure: ExpressibleByArgument {}
