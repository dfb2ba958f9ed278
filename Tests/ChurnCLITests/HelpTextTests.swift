import ArgumentParser
import Testing
@testable import ChurnCLI

/// Help examples fit an 80-column terminal: every example line of every subcommand's discussion
/// is at most 80 characters, so help never wraps a command in the middle.
struct HelpTextTests {
    @Test func examplesFitEightyColumns() {
        for command in ChurnCommand.configuration.subcommands {
            let discussion = command.configuration.discussion
            guard let start = discussion.range(of: "Example") else {
                Issue.record("\(command.configuration.commandName ?? "?") has no examples")
                continue
            }
            for line in discussion[start.upperBound...].split(separator: "\n") where line.hasPrefix("  ") {
                #expect(line.count <= 80, "\(command.configuration.commandName ?? "?"): \(line.count) columns: \(line)")
            }
            let help = ChurnCommand.helpMessage(for: command, columns: 80)
            for line in help.split(separator: "\n") where line.contains("churn ") && line.hasPrefix("  churn") {
                #expect(line.count <= 80, "\(line)")
            }
        }
    }

    @Test func completionScriptsAreGenerated() {
        for shell in ["bash", "zsh", "fish"] {
            let script = ChurnCommand.completionScript(for: CompletionShell(rawValue: shell)!)
            #expect(script.contains("report") && script.contains("evaluate"), "\(shell) completion lacks subcommands")
        }
    }
}
