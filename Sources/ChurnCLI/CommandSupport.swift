import ArgumentParser
import ChurnKit

/// Runs a command body, printing library errors as `Error: …` and exiting with their code.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch let error as ParameterError {
        Terminal.printError("Error: " + OptionCheck.message(error))
        throw ExitCode(ChurnExitCode.usage)
    } catch FileAccessError.closedPipe {
        // `churn score … | head`: the reader has what it wanted; end quietly.
        TemporaryFiles.removeAll()
        throw ExitCode.success
    } catch let error as IngestionError {
        // The library names its parameter; the CLI adds the flag that sets it.
        var message = "Error: " + OptionCheck.flagged("\(error)")
        if case .missingAmountColumn = error { message += " (--amount-column none)" }
        Terminal.printError(message)
        throw ExitCode(ChurnExitCode.code(for: error))
    } catch {
        Terminal.printError("Error: " + OptionCheck.flagged("\(error)"))
        throw ExitCode(ChurnExitCode.code(for: error))
    }
}

extension BadRowPolicy: ExpressibleByArgument {}

extension FieldDelimiter: ExpressibleByArgument {
    public init?(argument: String) { self.init(text: argument) }
    public static var allValueStrings: [String] { [",", "\\t", ";", "|", "whitespace"] }
}
extension TableFormat: ExpressibleByArgument {}

extension CalendarDay: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}
