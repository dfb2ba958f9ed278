/// The checks every data row of a transaction log goes through, in one place for the one-thread
/// and the parallel read of ``TransactionLogReader``, so both accept, reject and word their
/// reasons identically.
///
/// Built from the header (which names the columns); `check` reads one record's date, amount and
/// customer id straight from the read buffer.
struct TransactionRowChecker: @unchecked Sendable {
    /// What a record holds: a transaction (the id is field `customerColumn`) or a reason to reject it.
    enum Outcome {
        case row(day: Int32, amount: Double)
        case reject(column: String?, reason: String)
    }

    let columns: TransactionColumns
    let headerNames: [String]
    let customerColumn: Int
    let dateColumn: Int
    let amountColumn: Int?
    /// Caches the zone's current offset (``TimeZoneOffsets``): one per thread, see ``forOneThread()``.
    private var dates: DateReader

    /// Finds the columns in the header; throws ``IngestionError/missingColumn(file:column:available:)``
    /// or ``IngestionError/missingAmountColumn(file:column:available:)``.
    init(columns: TransactionColumns, header names: [String], file: String) throws {
        func position(_ name: String) throws -> Int {
            guard let index = names.firstIndex(of: name) else {
                throw IngestionError.missingColumn(file: file, column: name, available: names)
            }
            return index
        }
        self.columns = columns
        headerNames = names
        customerColumn = try position(columns.customer)
        dateColumn = try position(columns.date)
        if let amount = columns.amount {
            guard let index = names.firstIndex(of: amount) else {
                throw IngestionError.missingAmountColumn(file: file, column: amount, available: names)
            }
            amountColumn = index
        } else {
            amountColumn = nil
        }
        dates = DateReader(format: columns.dateFormat, timeZone: columns.timeZone)
    }

    var expectedFields: Int { headerNames.count }

    /// A copy with a date reader of its own: the reader caches the business time zone's offset,
    /// so threads must not share one.
    func forOneThread() -> TransactionRowChecker {
        var copy = self
        copy.dates = DateReader(format: columns.dateFormat, timeZone: columns.timeZone)
        return copy
    }

    /// The record's day and amount, or why it cannot be read. Without an amount column every row
    /// is a purchase of unknown value, passed on as 0.
    @inline(__always)
    func check(_ record: CSVFileReader.Record) -> Outcome {
        let expectedFields = headerNames.count
        guard record.fieldCount == expectedFields else {
            if record.fieldCount < expectedFields {
                return .reject(column: headerNames[record.fieldCount], reason: "missing field: expected \(expectedFields) fields, found \(record.fieldCount)")
            }
            return .reject(column: nil, reason: "extra field: expected \(expectedFields) fields, found \(record.fieldCount)")
        }
        let dateField = record.fields[dateColumn]
        let dayNumber: Int32
        switch dates.day(UnsafeBufferPointer(start: record.bytes + dateField.start, count: dateField.end - dateField.start)) {
        case let .day(day): dayNumber = day
        case .unreadable:
            let text = record.string(dateColumn)
            let hint = columns.dateFormat == nil ? DateFormat.readingHint(for: text).map { "; " + $0 } ?? "" : ""
            return .reject(column: columns.date, reason: "cannot parse '\(IngestionError.excerpt(text))' as a date (\(columns.expectedDateText))\(hint)")
        case .outOfRange:
            return .reject(column: columns.date, reason: "'\(IngestionError.excerpt(record.string(dateColumn)))' falls outside 0001-01-01 … 9999-12-31 in the time zone \(columns.timeZone)")
        }
        var amount = 0.0
        if let amountColumn {
            let amountField = record.fields[amountColumn]
            let amountBytes = UnsafeBufferPointer(start: record.bytes + amountField.start, count: amountField.end - amountField.start)
            switch DecimalParser.parse(amountBytes, decimalComma: columns.decimalComma) {
            case let .success(value): amount = value
            case .failure(.notFinite):
                return .reject(column: columns.amount, reason: "'\(IngestionError.excerpt(record.string(amountColumn)))' is not a finite amount")
            case .failure(.notANumber):
                let text = IngestionError.excerpt(record.string(amountColumn))
                return .reject(column: columns.amount, reason: text.isEmpty ? "the amount is empty"
                               : columns.decimalComma
                                   ? "cannot parse '\(text)' as a number (with --decimal-comma, amounts are plain decimals such as 12,99 or -1,5e3: no points, currency signs or hex)"
                                   : "cannot parse '\(text)' as a number (amounts are plain decimals such as 12.99 or -1.5e3: no currency signs, thousands separators or hex)"
                                       + ((try? DecimalParser.parse(amountBytes, decimalComma: true).get()) != nil ? "; a decimal comma is read with --decimal-comma" : ""))
            }
        }
        let idField = record.fields[customerColumn]
        guard idField.end > idField.start else {
            return .reject(column: columns.customer, reason: "the customer id is empty")
        }
        // Ids are kept as text: bytes that are not UTF-8 would print as U+FFFD, and two
        // different ids would merge in every output.
        guard UTF8Check.isValid(UnsafeBufferPointer(start: record.bytes + idField.start, count: idField.end - idField.start)) else {
            return .reject(column: columns.customer, reason: "the customer id is not valid UTF-8")
        }
        return .row(day: dayNumber, amount: amount)
    }

    /// A rejects-file line: `line,column,reason,row`.
    static func rejectsLine(line: Int, column: String?, reason: String, rawText: String) -> String {
        "\(line),\(CSVText.quoted(column ?? "")),\(CSVText.quoted(reason)),\(CSVText.quoted(rawText))\n"
    }
}
