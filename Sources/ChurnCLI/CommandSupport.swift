import ArgumentParser
import ChurnKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
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

enum Terminal {
    static func printError(_ message: String) {
        StandardError.write(message + "\n")
    }
}

/// Where a transaction log's columns are and what to do with bad rows.
struct TransactionLogOptions: ParsableArguments {
    @Option(help: "Column holding the customer id (any text).")
    var customerColumn = "customer_id"

    @Option(help: "Column holding the purchase date (YYYY-MM-DD, YYYYMMDD or ISO-8601 date-time; see --date-format).")
    var dateColumn = "date"

    @Option(help: "Column holding the amount spent (negative = refund, kept as is), or 'none' for a log without amounts (the monetary features, value at risk and revenue are then left out).")
    var amountColumn = "amount"

    @Option(help: "What to do with a row that cannot be read: fail (stop, naming file, line and column) or skip.")
    var badRows: BadRowPolicy = .fail

    @Option(help: "With --bad-rows skip, write each rejected row with its reason to this CSV file.")
    var rejects: String?

    @Option(help: ArgumentHelp("The longest CSV field accepted, in bytes (default 1 MiB); a longer one is an error naming file, line and column.", valueName: "bytes"))
    var maxFieldBytes: Int?

    @Option(help: ArgumentHelp("Field separator: ',' (default), tab ('\\t'), ';', '|' or whitespace (runs of blanks).", valueName: "delimiter"))
    var delimiter: FieldDelimiter = .comma

    @Option(help: ArgumentHelp("How dates are written when not ISO 8601, e.g. '%d/%m/%Y' (day first) or '%m/%d/%Y %H:%M'; %Y %m %d %H %M %S %z.", valueName: "pattern"))
    var dateFormat: String?

    @Option(name: .customLong("timezone"), help: ArgumentHelp("Business time zone (IANA name): a time written with a UTC offset counts on its day there.", valueName: "zone"))
    var timeZone = "UTC"

    func validate() throws {
        _ = try parsedDateFormat()
        _ = try parsedTimeZone()
        if let maxFieldBytes {
            guard maxFieldBytes >= 1 && maxFieldBytes <= 1 << 40 else {
                throw ValidationError("--max-field-bytes must be between 1 and \(1 << 40), got \(maxFieldBytes)")
            }
            // Set once, before any input is read; every reader of this run uses it.
            CSVLimits.processDefault = CSVLimits(maxFieldBytes: maxFieldBytes)
        }
    }

    var columns: TransactionColumns {
        // validate() has checked both; a failure here cannot happen after parsing.
        TransactionColumns(customer: customerColumn, date: dateColumn, amount: Self.amountColumn(amountColumn), delimiter: delimiter,
                           dateFormat: (try? parsedDateFormat()) ?? nil, timeZone: (try? parsedTimeZone()) ?? .utc)
    }

    /// `none` is a log without amounts: lifetimes' `date,id` logs.
    static func amountColumn(_ argument: String) -> String? { argument == "none" ? nil : argument }

    private func parsedDateFormat() throws -> DateFormat? {
        guard let dateFormat else { return nil }
        do { return try DateFormat(pattern: dateFormat) } catch { throw ValidationError("--date-format: \(error)") }
    }

    private func parsedTimeZone() throws -> BusinessTimeZone {
        do { return try BusinessTimeZone(identifier: timeZone) } catch { throw ValidationError("--timezone: \(error)") }
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
