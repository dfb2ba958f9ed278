import ArgumentParser
import ChurnKit

/// Options of the commands that write one row per customer (features, scores, segments).
struct RowOutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Where to write one row per customer (written atomically; - for standard output).")
    var output: String?

    @Option(help: "Output format: csv or jsonl.")
    var format: TableFormat = .csv

    @Flag(help: "No progress display.")
    var quiet = false
}
