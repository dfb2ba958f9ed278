import ArgumentParser
import ChurnKit

/// The columns of a labelled table (one row per customer) that are not model inputs.
struct LabelledTableOptions: ParsableArguments {
    @Option(help: "Labelled table: the label column (e.g. churn); the input is then a table, not a transaction log.")
    var label: String?

    @Option(help: "Labelled table: the label value that means churned (e.g. Yes).")
    var positive: String = "1"

    @Option(help: "Labelled table: the customer id column (default: row numbers).")
    var idColumn: String?

    @Option(help: ArgumentHelp("Labelled table: the label values that mean not churned, comma-separated (default: the one value other than --positive).", valueName: "values"))
    var negative: String?

    @Option(help: ArgumentHelp("Labelled table: columns to one-hot encode as text although their cells are numbers (codes), comma-separated.", valueName: "columns"))
    var textColumns: String?

    @Option(help: ArgumentHelp("Labelled table: the fewest training rows a text level needs for a one-hot column of its own; rarer levels and levels unseen in training share one <column>=(other) column (EBM's min_cat_samples). 1 keeps every level.", valueName: "rows"))
    var minLevelRows: Int = TableTyping.defaultMinLevelRows

    func validate() throws {
        guard minLevelRows >= 1 else { throw ValidationError("--min-level-rows must be at least 1, not \(minLevelRows)") }
    }

    /// The table's columns with `label` (the option's, or a model's) and an optional weight column.
    /// `reading` gives the file's notation (--delimiter, --decimal-comma), shared with logs.
    func columns(label: String?, sampleWeight: String? = nil, reading: TransactionLogOptions) -> TableColumns {
        var typing = typing
        typing.decimalComma = reading.decimalComma
        return TableColumns(label: label, positiveLabel: positive, id: idColumn, sampleWeight: sampleWeight, typing: typing, delimiter: reading.delimiter)
    }

    var typing: TableTyping {
        TableTyping(negativeLabels: negative.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) },
                    textColumns: Set(textColumns.map { $0.split(separator: ",").map(String.init) } ?? []),
                    minLevelRows: minLevelRows)
    }
}
