import ArgumentParser
import ChurnKit

/// `churn nps`: Net Promoter Score of a survey file.
struct NPSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nps",
        abstract: "Net Promoter Score of a survey: % promoters (9–10) − % detractors (0–6).",
        discussion: """
        The score column must hold whole numbers from 0 to 10 (9.0 is 9); a blank or missing-value \
        cell (NA, null, …) is a row without an answer, counted in the unanswered column and left \
        out of the score; any other value stops with exit code 3, naming file, line and column. \
        With --group-column, one row per group, then all.

        Example:
          churn nps survey.csv --score-column score --group-column plan
        """
    )

    @Argument(help: "Survey answers (CSV with a header row).")
    var survey: String

    @Option(help: "Column holding the 0–10 answer.")
    var scoreColumn = "score"

    @Option(help: "Optional column to group answers by (plan, region, …).")
    var groupColumn: String?

    @Option(help: ArgumentHelp("Field separator: ',' (default), tab ('\\t'), ';', '|' or whitespace (runs of blanks).", valueName: "delimiter"))
    var delimiter: FieldDelimiter = .comma

    @OptionGroup var report: ReportOutputOptions

    func run() throws {
        try runReportingErrors {
            try checkRunFiles(inputs: [("survey", survey)], outputs: [("--output", report.output)])
            let table = try NetPromoterSurvey.read(path: survey, scoreColumn: scoreColumn, groupColumn: groupColumn, delimiter: delimiter).table()
            try report.emit(table)
        }
    }
}
