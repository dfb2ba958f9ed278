import Foundation
import Testing
@testable import ChurnKit

/// Logs as people have them: other delimiters, gzip, day-first dates, times with UTC offsets.
struct LogFormatTests {
    /// Features of a log (last date as cut-off unless given).
    func features(_ path: String, _ columns: TransactionColumns = TransactionColumns(), cutoff: String? = nil,
                  horizon: Int? = nil) throws -> TransactionFeatureResult {
        try TransactionFeatureBuilder(columns: columns).build(path: path, cutoff: cutoff.flatMap(CalendarDay.init(parsing:)),
                                                              horizonDays: horizon)
    }

    func column(_ result: TransactionFeatureResult, _ name: String) -> [Double] {
        let j = result.table.columnNames.firstIndex(of: name)!
        return (0..<result.table.rowCount).map { result.table.values[$0 * result.table.columnCount + j] }
    }

    func gzip(_ path: String, to output: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c", path]
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// lifetimes' own CDNOW file (whitespace-separated, leading blanks, CRLF, zero-padded ids)
    /// gives the bundled CSV's lifetimes numbers.
    @Test func whitespaceSeparatedCDNOWMasterGivesLifetimesNumbers() throws {
        let columns = TransactionColumns(amount: "dollar_value", delimiter: .whitespace)
        let master = try features(TestFiles.bundled("datasets/cdnow/CDNOW_master.txt"), columns, cutoff: "1997-09-30", horizon: 273)
        let csv = try features(TestFiles.cdnow, cutoff: "1997-09-30", horizon: 273)
        #expect(master.table.rowCount == 23_570)
        for name in ["frequency", "recency", "T"] {
            #expect(column(master, name).reduce(0, +) == column(csv, name).reduce(0, +), "\(name)")
        }
        #expect(isClose(column(master, "monetary_value").reduce(0, +), 336_714.287, absolute: 5e-4))
    }

    @Test(arguments: [(FieldDelimiter.semicolon, ";"), (.tab, "\t"), (.pipe, "|"), (.comma, ",")])
    func singleByteDelimiters(delimiter: FieldDelimiter, byte: String) throws {
        let rows = [["customer_id", "date", "amount"], ["a", "2024-01-01", "5"], ["\"b\(byte)x\"", "2024-01-03", "2.5"], ["a", "2024-01-04", "1"]]
        let path = TestFiles.write(rows.map { $0.joined(separator: byte) }.joined(separator: "\n") + "\n")
        let result = try features(path, TransactionColumns(delimiter: delimiter))
        #expect(result.table.customerIDs == ["a", "b\(byte)x"])
        #expect(column(result, "frequency") == [1, 0])
        #expect(column(result, "monetary_total") == [6, 2.5])
    }

    /// `--decimal-comma`: `12,50` is 12.5, a point is a bad row (it would separate thousands);
    /// without it, the reason says how to read a decimal comma. One parser for logs and tables.
    @Test func decimalCommaAmounts() throws {
        let path = TestFiles.write("customer_id;date;amount\na;2024-01-01;12,50\nb;2024-01-03;-1,5e1\na;2024-01-04;3\nb;2024-01-05; 0,25 \n")
        let result = try features(path, TransactionColumns(delimiter: .semicolon, decimalComma: true))
        #expect(column(result, "monetary_total") == [15.5, -14.75])
        let point = TestFiles.write("customer_id;date;amount\na;2024-01-01;1.234,5\n")
        do {
            _ = try features(point, TransactionColumns(delimiter: .semicolon, decimalComma: true))
            Issue.record("expected an error")
        } catch let IngestionError.malformedRow(_, line, column, reason) {
            #expect(line == 2 && column == "amount" && reason.contains("with --decimal-comma, amounts are plain decimals such as 12,99"))
        }
        do {
            _ = try features(path, TransactionColumns(delimiter: .semicolon))
            Issue.record("expected an error")
        } catch let IngestionError.malformedRow(_, line, _, reason) {
            #expect(line == 2 && reason.hasSuffix("; a decimal comma is read with --decimal-comma"))
        }
        for (text, expected) in [("12,5", 12.5), ("-0,125", -0.125), ("7", 7.0), (",5", 0.5)] {
            var bytes = text
            #expect(bytes.withUTF8 { try? DecimalParser.parse($0, decimalComma: true).get() } == expected)
        }
        for text in ["1.5", "1,2,3", "1.234,5", ""] {
            var bytes = text
            #expect(bytes.withUTF8 { try? DecimalParser.parse($0, decimalComma: true).get() } == nil)
        }
    }

    @Test func blankSeparatedRecordsIgnoreLeadingTrailingAndBlankLines() throws {
        let text = "  customer_id \t date  amount  \r\n\r\n   7  2024-01-01\t 3.5 \r\n \t \r\n\"x y\" 2024-01-02 1\n8 2024-01-05 2"
        let result = try features(TestFiles.write(text), TransactionColumns(delimiter: .whitespace))
        #expect(result.table.customerIDs == ["7", "x y", "8"])
        #expect(column(result, "monetary_total") == [3.5, 1, 2])
        #expect(result.ingestion.rowsRead == 3)
    }

    @Test func blankSeparatedRowWithAMissingFieldNamesItsLine() throws {
        let path = TestFiles.write("customer_id date amount\n1 2024-01-01 3\n2 2024-01-02\n")
        #expect(throws: IngestionError.malformedRow(file: path, line: 3, column: "amount",
                                                    reason: "missing field: expected 3 fields, found 2")) {
            try features(path, TransactionColumns(delimiter: .whitespace))
        }
    }

    @Test func gzipLogsAreReadByTheirMagicBytesIncludingConcatenatedMembers() throws {
        let folder = TestFiles.temporaryFolder()
        let compressed = folder + "/log.bin"               // no .gz in the name: the bytes decide
        try gzip(TestFiles.cdnow, to: compressed)
        let plain = try features(TestFiles.cdnow, cutoff: "1997-09-30", horizon: 273)
        let inflated = try features(compressed, cutoff: "1997-09-30", horizon: 273)
        #expect(inflated.table.customerIDs == plain.table.customerIDs)
        #expect(inflated.table.values == plain.table.values)
        #expect(inflated.table.labels == plain.table.labels)
        #expect(inflated.ingestion.rowsRead == 69_659)

        // `cat a.gz b.gz`: the second member's rows follow the first's.
        let part1 = TestFiles.write("customer_id,date,amount\n1,2024-01-01,2\n", name: "a.csv")
        let part2 = TestFiles.write("2,2024-01-02,3\n1,2024-01-03,4\n", name: "b.csv")
        try gzip(part1, to: folder + "/a.gz")
        try gzip(part2, to: folder + "/b.gz")
        var joined = try Data(contentsOf: URL(fileURLWithPath: folder + "/a.gz"))
        joined.append(try Data(contentsOf: URL(fileURLWithPath: folder + "/b.gz")))
        try joined.write(to: URL(fileURLWithPath: folder + "/both.gz"))
        let both = try features(folder + "/both.gz")
        #expect(both.table.customerIDs == ["1", "2"])
        #expect(column(both, "monetary_total") == [6, 3])
    }

    @Test func truncatedAndCorruptGzipNameTheByteOffset() throws {
        let folder = TestFiles.temporaryFolder()
        try gzip(TestFiles.cdnow, to: folder + "/log.gz")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/log.gz"))
        try bytes.prefix(100_000).write(to: URL(fileURLWithPath: folder + "/truncated.gz"))
        var corrupt = bytes
        corrupt[5_000] ^= 0xFF
        try corrupt.write(to: URL(fileURLWithPath: folder + "/corrupt.gz"))
        for (name, expected) in [("truncated.gz", "truncated"), ("corrupt.gz", "corrupt")] {
            do {
                _ = try features(folder + "/" + name)
                Issue.record("\(name) was read")
            } catch let IngestionError.corruptCompression(file, offset, reason) {
                #expect(file == folder + "/" + name)
                #expect(offset > 0 && offset <= bytes.count)
                #expect(reason.contains(expected), "\(reason)")
            }
        }
    }

    @Test func offsetsAreConvertedToTheBusinessTimeZoneBeforeTheDayIsTaken() throws {
        // The same instant written two ways, and a local date without an offset.
        let text = "customer_id,date,amount\n1,2024-01-01T23:30-05:00,5\n1,2024-01-02T04:30Z,6\n1,2024-01-02 10:00,1\n"
        let utc = try features(TestFiles.write(text))
        #expect(utc.ingestion.firstDay == CalendarDay(parsing: "2024-01-02"))
        #expect(column(utc, "frequency") == [0])             // one purchase day
        let newYork = try features(TestFiles.write(text), TransactionColumns(timeZone: BusinessTimeZone(identifier: "America/New_York")))
        #expect(newYork.ingestion.firstDay == CalendarDay(parsing: "2024-01-01"))
        #expect(column(newYork, "frequency") == [1])         // 2024-01-01 (both instants) and 2024-01-02
    }

    @Test func daylightSavingTransitionsMoveTheDayBoundary() throws {
        let berlin = DateReader(format: nil, timeZone: try BusinessTimeZone(identifier: "Europe/Berlin"))
        func day(_ text: String) -> DateReader.Outcome {
            var bytes = Array(text.utf8)
            return bytes.withUnsafeMutableBufferPointer { berlin.day(UnsafeBufferPointer($0)) }
        }
        let march30 = CalendarDay(parsing: "2024-03-30")!.daysSinceEpoch
        // Winter (UTC+1): 23:30Z is already the next day; summer (UTC+2): 22:30Z is.
        #expect(day("2024-03-29T23:30Z") == .day(march30))
        #expect(day("2024-03-30T22:30Z") == .day(march30))     // still UTC+1 on the 30th
        #expect(day("2024-03-31T22:30Z") == .day(march30 + 2))  // UTC+2 after 2024-03-31 01:00Z
        #expect(day("2024-03-31T21:30Z") == .day(march30 + 1))
        #expect(day("2024-10-27T22:30Z") == .day(march30 + 211)) // back to UTC+1: 23:30 on the 27th
    }

    @Test func datesOutsideTheSupportedRangeAfterConversionAreBadRows() throws {
        let path = TestFiles.write("customer_id,date,amount\n1,9999-12-31T23:00-05:00,5\n")
        #expect(throws: IngestionError.malformedRow(file: path, line: 2, column: "date",
                                                    reason: "'9999-12-31T23:00-05:00' falls outside 0001-01-01 … 9999-12-31 in the time zone UTC")) {
            try features(path)
        }
        let edge = try features(TestFiles.write("customer_id,date,amount\n1,9999-12-31T23:00Z,5\n1,0001-01-01,2\n"))
        #expect(edge.ingestion.firstDay == CalendarDay(parsing: "0001-01-01"))
        #expect(edge.ingestion.lastDay == CalendarDay(parsing: "9999-12-31"))
    }

    @Test func dateFormatsReadDayFirstAndMonthFirstLogs() throws {
        let text = "customer_id,date,amount\n1,01/02/2024,5\n1,3/2/2024,6\n"
        let dayFirst = try features(TestFiles.write(text), TransactionColumns(dateFormat: try DateFormat(pattern: "%d/%m/%Y")))
        #expect(dayFirst.ingestion.firstDay == CalendarDay(parsing: "2024-02-01"))
        #expect(dayFirst.ingestion.lastDay == CalendarDay(parsing: "2024-02-03"))
        let monthFirst = try features(TestFiles.write(text), TransactionColumns(dateFormat: try DateFormat(pattern: "%m/%d/%Y")))
        #expect(monthFirst.ingestion.firstDay == CalendarDay(parsing: "2024-01-02"))
        let path = TestFiles.write("customer_id,date,amount\n1,01/02/2024,5\n1,13/02/2024,6\n")
        #expect(throws: IngestionError.malformedRow(file: path, line: 3, column: "date",
                                                    reason: "cannot parse '13/02/2024' as a date (expected the date format '%m/%d/%Y')")) {
            try features(path, TransactionColumns(dateFormat: try DateFormat(pattern: "%m/%d/%Y")))
        }
        let withOffset = try DateFormat(pattern: "%d.%m.%Y %H:%M %z")
        let converted = try features(TestFiles.write("customer_id,date,amount\n1,31.12.2023 23:30 -01:00,1\n"),
                                     TransactionColumns(dateFormat: withOffset))
        #expect(converted.ingestion.firstDay == CalendarDay(parsing: "2024-01-01"))
    }

    /// `%b` reads English month names, abbreviated or full, in any case (glibc's `strptime`).
    @Test func monthNamesAreRead() throws {
        let text = "customer_id,date,amount\n1,01-Dec-2010,5\n1,2-JANUARY-2011,6\n2,15-sep-2011,1\n"
        let result = try features(TestFiles.write(text), TransactionColumns(dateFormat: try DateFormat(pattern: "%d-%b-%Y")))
        #expect(result.ingestion.firstDay == CalendarDay(parsing: "2010-12-01"))
        #expect(result.ingestion.lastDay == CalendarDay(parsing: "2011-09-15"))
        let path = TestFiles.write("customer_id,date,amount\n1,01-Dez-2010,5\n")
        #expect(throws: IngestionError.malformedRow(file: path, line: 2, column: "date",
                                                    reason: "cannot parse '01-Dez-2010' as a date (expected the date format '%d-%B-%Y')")) {
            try features(path, TransactionColumns(dateFormat: try DateFormat(pattern: "%d-%B-%Y")))
        }
    }

    /// Without a date format, a date in another layout is an error that names the pattern it
    /// looks like: both orders when the numbers allow both, one when a number is above 12.
    @Test func unreadDatesSuggestAPattern() throws {
        #expect(DateFormat.suggestion(for: "12/1/2010 8:26") == "'%m/%d/%Y %H:%M' (month first) or '%d/%m/%Y %H:%M' (day first)")
        #expect(DateFormat.suggestion(for: "13.02.2024") == "'%d.%m.%Y' (day first)")
        #expect(DateFormat.suggestion(for: "02/13/2024 10:00:05") == "'%m/%d/%Y %H:%M:%S' (month first)")
        #expect(DateFormat.suggestion(for: "2024/02/13") == "'%Y/%m/%d'")
        #expect(DateFormat.suggestion(for: "01-Dec-2010") == "'%d-%b-%Y'")
        #expect(DateFormat.suggestion(for: "43831") == nil)
        #expect(DateFormat.readingHint(for: "43831")?.contains("spreadsheet's serial day number") == true)
        #expect(DateFormat.readingHint(for: "123") == nil)
        #expect(DateFormat.readingHint(for: "2024/02/13") == "it looks like '%Y/%m/%d': give the pattern as dateFormat")
        #expect(DateFormat.suggestion(for: "yesterday") == nil)
        #expect(DateFormat.suggestion(for: "1/2/24") == nil)
        // Every suggestion compiles and reads the text it was made for.
        for text in ["12/1/2010 8:26", "13.02.2024", "2024/02/13", "01-Dec-2010", "Dec 5 2010"] {
            let suggested = try #require(DateFormat.suggestion(for: text), "\(text)")
            let pattern = String(suggested.dropFirst().prefix { $0 != "'" })
            let log = "customer_id,date,amount\n1,\(text),5\n"
            #expect(try features(TestFiles.write(log), TransactionColumns(dateFormat: try DateFormat(pattern: pattern))).ingestion.rowsRead == 1)
        }
        let path = TestFiles.write("customer_id,date,amount\n1,12/1/2010 8:26,5\n")
        do {
            _ = try features(path)
            Issue.record("expected an error")
        } catch let error as IngestionError {
            #expect(error.description.contains("it looks like '%m/%d/%Y %H:%M' (month first) or '%d/%m/%Y %H:%M' (day first): give the pattern as dateFormat"),
                    "\(error)")
        }
    }

    @Test func badPatternsAndTimeZonesSayWhatIsKnown() {
        #expect(throws: DateFormat.PatternError.unknownDirective(pattern: "%d/%q/%Y", directive: "%q")) { try DateFormat(pattern: "%d/%q/%Y") }
        #expect(throws: DateFormat.PatternError.missing(pattern: "%m/%Y", what: "day (%d)")) { try DateFormat(pattern: "%m/%Y") }
        #expect(throws: DateFormat.PatternError.missing(pattern: "%d/%Y", what: "month (%m or %b)")) { try DateFormat(pattern: "%d/%Y") }
        #expect(throws: UnknownTimeZone(identifier: "Mars/Olympus")) { try BusinessTimeZone(identifier: "Mars/Olympus") }
        #expect(UnknownTimeZone(identifier: "x").description.contains("timedatectl list-timezones"))
    }

    @Test func theLogFormatTravelsInTheModelAndOldFilesDecode() throws {
        let columns = TransactionColumns(customer: "id", delimiter: .whitespace, dateFormat: try DateFormat(pattern: "%d/%m/%Y"),
                                         timeZone: try BusinessTimeZone(identifier: "Europe/Berlin"), decimalComma: true)
        let data = try JSONEncoder().encode(columns)
        #expect(String(decoding: data, as: UTF8.self).contains("\"decimal_comma\":true"))
        #expect(try JSONDecoder().decode(TransactionColumns.self, from: data) == columns)
        #expect(!String(decoding: try JSONEncoder().encode(TransactionColumns()), as: UTF8.self).contains("decimal_comma"))
        let old = #"{"customer":"customer_id","date":"date","amount":"amount"}"#
        #expect(try JSONDecoder().decode(TransactionColumns.self, from: Data(old.utf8)) == TransactionColumns())
        let bad = #"{"customer":"c","date":"d","amount":"a","time_zone":"Nowhere/Land"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(TransactionColumns.self, from: Data(bad.utf8)) }
    }
}
