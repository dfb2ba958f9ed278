import ArgumentParser
import ChurnKit

/// `churn explain`: the shapes of an additive model, for reading and plotting.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print every term of an additive model: its shape (cell, range, contribution, rows, monotone constraint) and the terms ranked by mean |contribution|.",
        discussion: """
        Examples:
          churn explain --model models/telco-additive.json
          churn explain --model models/telco-additive.json --format csv > shapes.csv
        """
    )

    @Option(help: "The model file (trained with --terms additive or additive+pairs).")
    var model: String

    @Option(help: "text (default), csv or jsonl (one row per cell, for plotting).")
    var format: String = "text"

    func validate() throws {
        if !["text", "csv", "jsonl"].contains(format) { throw ValidationError("--format takes text, csv or jsonl") }
    }

    func run() throws {
        try runReportingErrors {
            let loaded = try ChurnModel.load(path: model)
            guard let terms = loaded.terms else {
                throw ValidationError("\(model) is a linear model (one coefficient per input; see churn train's table); explain reads models trained with --terms additive or additive+pairs")
            }
            switch format {
            case "csv":
                print("rank,term,importance,cell,range,contribution,rows,monotone")
                for row in terms.shapeRows {
                    print([String(row.rank), CSVText.quoted(row.term), NumberText.format(row.importance), String(row.cell), CSVText.quoted(row.range),
                           NumberText.format(row.contribution), NumberText.format(row.rows), row.monotone?.rawValue ?? ""].joined(separator: ","))
                }
            case "jsonl":
                for row in terms.shapeRows {
                    print("{\"rank\":\(row.rank),\"term\":\(NumberText.jsonString(row.term)),\"importance\":\(NumberText.json(row.importance)),\"cell\":\(row.cell),\"range\":\(NumberText.jsonString(row.range)),\"contribution\":\(NumberText.json(row.contribution)),\"rows\":\(NumberText.json(row.rows)),\"monotone\":\(row.monotone.map { NumberText.jsonString($0.rawValue) } ?? "null")}")
                }
            default:
                print("Model \(loaded.modelID): \(terms.kind.rawValue), \(terms.terms.count) terms (\(terms.terms.filter(\.isInteraction).count) pairs)\n")
                print(terms.explanationText())
            }
        }
    }
}
