import ArgumentParser
import ChurnKit

/// `churn`: the root command; each subcommand lives in its own file.
public struct ChurnCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "churn",
        abstract: "Predict which customers are about to leave, and why.",
        discussion: """
        Exit codes: 0 success; 1 unexpected failure; 2 bad command-line usage; 3 bad input data \
        (a malformed row, a missing column, no customers); 4 a model file that cannot be used \
        (wrong version, wrong features); 5 a file that cannot be read or written.
        """,
        version: ChurnKitVersion.current,
        subcommands: [FeaturesCommand.self, MetricsCommand.self, CohortsCommand.self, NPSCommand.self, TrainCommand.self,
                      EvaluateCommand.self, ScoreCommand.self, SegmentsCommand.self, ReportCommand.self, SQLCommand.self, ExplainCommand.self]
    )

    public init() {}
}
