import ArgumentParser
import ChurnKit
#if canImport(Glibc)
import Glibc
#endif

/// Exit codes, documented in `churn --help`.
enum ChurnExitCode {
    static let unexpected: Int32 = 1
    static let usage: Int32 = 2
    static let badInput: Int32 = 3
    static let badModel: Int32 = 4
    static let fileAccess: Int32 = 5

    static func code(for error: Error) -> Int32 {
        switch error {
        case is IngestionError, is FeatureError, is NonFiniteValueError: return badInput
        case is FileAccessError: return fileAccess
        case is OutputConflictError, is ParameterError: return usage
        default: return classify(error)
        }
    }

    /// Errors from later stages register here (see `ErrorClassification`).
    static var classify: (Error) -> Int32 { ErrorClassification.classify }
}

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
    } catch {
        Terminal.printError("Error: \(error)")
        throw ExitCode(ChurnExitCode.code(for: error))
    }
}

enum Terminal {
    static func printError(_ message: String) {
        StandardError.write(message + "\n")
    }
}

/// Where a transaction log's columns are and what to do with bad rows.
struct TransactionLogOptions: ParsableArguments {
    @Option(help: "Column holding the customer id (any text).")
    var customerColumn = "customer_id"

    @Option(help: "Column holding the purchase date (YYYY-MM-DD, YYYYMMDD or ISO-8601 date-time).")
    var dateColumn = "date"

    @Option(help: "Column holding the amount spent (negative = refund, kept as is).")
    var amountColumn = "amount"

    @Option(help: "What to do with a row that cannot be read: fail (stop, naming file, line and column) or skip.")
    var badRows: BadRowPolicy = .fail

    @Option(help: "With --bad-rows skip, write each rejected row with its reason to this CSV file.")
    var rejects: String?

    var columns: TransactionColumns { TransactionColumns(customer: customerColumn, date: dateColumn, amount: amountColumn) }
}

extension BadRowPolicy: ExpressibleByArgument {}
extension TableFormat: ExpressibleByArgument {}

extension CalendarDay: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}
