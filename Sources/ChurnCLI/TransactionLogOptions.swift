import ArgumentParser
import ChurnKit

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

    @Option(help: ArgumentHelp("Field separator of the log or table: ',' (default), tab ('\\t'), ';', '|' or whitespace (runs of blanks).", valueName: "delimiter"))
    var delimiter: FieldDelimiter = .comma

    @Flag(help: "Numbers are written with a decimal comma (12,50): the log's amounts or a labelled table's cells, as European spreadsheets export them beside --delimiter ';'. A point is then not a decimal mark. Stored in the model, so score and evaluate read the same way.")
    var decimalComma = false

    @Option(help: ArgumentHelp("How dates are written when not ISO 8601, e.g. '%d/%m/%Y' (day first), '%m/%d/%Y %H:%M' or '%d-%b-%Y' (01-Dec-2010); %Y %m %b (month name) %d %H %M %S %z.", valueName: "pattern"))
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
                           dateFormat: (try? parsedDateFormat()) ?? nil, timeZone: (try? parsedTimeZone()) ?? .utc,
                           decimalComma: decimalComma)
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
