import ArgumentParser
import ChurnKit

extension ChurnCommand {
    /// The `churn` executable's main: parses, runs, maps every error to a documented exit code and
    /// checks the final flush of standard output (a full disk is exit 5, a closed pipe a quiet exit).
    ///
    /// argument-parser exits 64 (EX_USAGE) for usage errors; `churn --help` and the README promise
    /// 2, so 64 is mapped here, in the one place that calls `exit`.
    public static func runMain(_ arguments: [String]? = nil) -> Never {
        if arguments == nil { BLASKernelChoice.restartWithBetterKernelsIfNeeded() }
        TemporaryFiles.installSignalHandlers()
        let code: Int32
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            code = 0
        } catch {
            code = report(error)
        }
        finish(code)
    }

    /// Prints `error` as argument-parser would and returns the documented exit code.
    static func report(_ error: Error) -> Int32 {
        if case FileAccessError.closedPipe = error { return 0 }
        let code = exitCode(for: error).rawValue
        let message = fullMessage(for: error)
        if code == 0 {
            if !message.isEmpty { print(message) }
        } else if !message.isEmpty {
            StandardError.write(message + "\n")
        }
        return code == ExitCode.validationFailure.rawValue ? ChurnExitCode.usage : code
    }

    /// Flushes standard output and exits.
    static func finish(_ code: Int32) -> Never {
        do { try StandardOutput.flush() } catch { OutputFailure.exit(error) }
        SystemCall.exit(code)
    }
}

/// Ends the run when standard output cannot be written: quietly (status 0) when the reader of a
/// pipe went away, with the reason and exit 5 otherwise. Temporary files are removed first.
enum OutputFailure {
    static func exit(_ error: Error) -> Never {
        TemporaryFiles.removeAll()
        if case FileAccessError.closedPipe = error { SystemCall.exit(0) }
        StandardError.write("Error: \(error)\n")
        SystemCall.exit(ChurnExitCode.fileAccess)
    }
}

/// Shadows `Swift.print` inside ChurnCLI so that every line a command prints goes through the
/// checked `StandardOutput` (Swift's `print` ignores a full disk and a closed pipe). When a data
/// output is written to `-`, the summaries go to standard error so the pipe carries only the data.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    if StandardOutput.carriesData {
        StandardError.write(text)
        return
    }
    do { try StandardOutput.write(text) } catch { OutputFailure.exit(error) }
}

/// Checks, before any work, that no output of the run is one of its inputs or another output.
/// Each file is given with the user's name for it (`--output`, `--model`, "the log").
func checkRunFiles(inputs: [(String, String?)], outputs: [(String, String?)]) throws {
    try RunFiles(inputs: inputs.compactMap { name, path in path.map { RunFiles.File(name, $0) } },
                 outputs: outputs.compactMap { name, path in path.map { RunFiles.File(name, $0) } }).check()
}
