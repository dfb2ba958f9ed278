import Foundation
import Testing
@testable import ChurnKit
#if canImport(Glibc)
import Glibc
#endif

/// Property tests of the three parsers every input goes through, each against an independent
/// reference, on inputs drawn from a fixed seed (``SeededGenerator``): the same cases on every run
/// and machine. (x-sheep/swift-property-based draws a fresh seed per run and its `fixedSeed`
/// trait always records an issue, so it cannot give a reproducible `make test`.)
struct ParserPropertyTests {
    // MARK: CSV scanner

    /// A deliberately simple RFC 4180 reader over the whole input, with the reader's documented
    /// choices: a UTF-8 BOM is dropped, blank lines are skipped, a CR before LF (or at the end)
    /// ends an unquoted field, a quote inside an unquoted field is an ordinary byte.
    enum NaiveCSV {
        struct Failure: Error {}

        static func parse(_ input: [UInt8]) throws(Failure) -> [(line: Int, fields: [[UInt8]])] {
            let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
            var i = input.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            let end = input.count
            var line = 1
            var records: [(line: Int, fields: [[UInt8]])] = []
            while i < end {
                let startLine = line
                var fields: [[UInt8]] = []
                var firstQuoted = false
                record: while true {
                    if i < end && input[i] == quote {
                        if fields.isEmpty { firstQuoted = true }
                        i += 1
                        var field: [UInt8] = []
                        while true {
                            guard i < end else { throw Failure() }
                            if input[i] == quote {
                                if i + 1 < end && input[i + 1] == quote { field.append(quote); i += 2; continue }
                                i += 1
                                break
                            }
                            if input[i] == newline { line += 1 }
                            field.append(input[i])
                            i += 1
                        }
                        fields.append(field)
                        if i == end { break record }
                        if input[i] == comma { i += 1; continue }
                        if input[i] == newline { i += 1; line += 1; break record }
                        if input[i] == cr {
                            if i + 1 == end { i += 1; break record }
                            if input[i + 1] == newline { i += 2; line += 1; break record }
                        }
                        throw Failure()
                    } else {
                        var field: [UInt8] = []
                        while i < end && input[i] != comma && input[i] != newline { field.append(input[i]); i += 1 }
                        if i < end && input[i] == comma { fields.append(field); i += 1; continue }
                        if field.last == cr { field.removeLast() }
                        fields.append(field)
                        if i < end { i += 1; line += 1 }
                        break record
                    }
                }
                if !(fields.count == 1 && fields[0].isEmpty && !firstQuoted) { records.append((startLine, fields)) }
            }
            return records
        }
    }

    /// Every record of `path` (the header included) as raw field bytes, with its line.
    static func readAll(_ path: String, bufferSize: Int) throws -> [(line: Int, fields: [[UInt8]])] {
        var records: [(line: Int, fields: [[UInt8]])] = []
        let reader = CSVFileReader(path: path, bufferSize: bufferSize)
        let (header, _) = try reader.forEachRecord(header: { $0.count }) { record in
            let fields = (0..<record.fieldCount).map { j -> [UInt8] in
                let field = record.fields[j]
                return field.hasEscapedQuotes ? CSVRecordScanner.unescaped(record.bytes, field)
                    : Array(UnsafeBufferPointer(start: record.bytes + field.start, count: field.end - field.start))
            }
            records.append((record.line, fields))
        }
        return [(0, header.map { Array($0.utf8) })] + records
    }

    static func randomField(_ rng: inout SeededGenerator) -> [UInt8] {
        let pieces: [[UInt8]] = [[0x61], [0x62], [0x31], [0x2C], [0x22], [0x0A], [0x0D], [0x0D, 0x0A], [0x20], Array("é".utf8), Array("日本".utf8), [0x22, 0x22]]
        let length = Int(rng.next() % 7)
        return (0..<length).flatMap { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }
    }

    /// Random records, encoded as a writer would (special fields quoted, others sometimes):
    /// the reader must give back exactly the fields and lines written, and agree with NaiveCSV.
    @Test(arguments: [1 as UInt64, 2, 3, 4])
    func scannerRoundTripsRandomRecords(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let folder = TestFiles.temporaryFolder()
        for trial in 0..<150 {
            let columns = 1 + Int(rng.next() % 4)
            var expected: [(line: Int, fields: [[UInt8]])] = [(0, (0..<columns).map { Array("h\($0)".utf8) })]
            var bytes: [UInt8] = rng.next() % 4 == 0 ? [0xEF, 0xBB, 0xBF] : []
            var line = 1
            let lineEnd: [UInt8] = rng.next() % 2 == 0 ? [0x0A] : [0x0D, 0x0A]
            bytes += Array((0..<columns).map { "h\($0)" }.joined(separator: ",").utf8) + lineEnd
            line += 1
            let rows = Int(rng.next() % 12)
            for row in 0..<rows {
                let fields = (0..<columns).map { _ in Self.randomField(&rng) }
                expected.append((line, fields))
                for (j, field) in fields.enumerated() {
                    if j > 0 { bytes.append(0x2C) }
                    let special: Bool = field.contains { (byte: UInt8) -> Bool in byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D }
                    // A lone empty field would be a blank line: quote it.
                    if special || rng.next() % 3 == 0 || (columns == 1 && field.isEmpty) {
                        bytes.append(0x22)
                        for byte in field { bytes.append(byte); if byte == 0x22 { bytes.append(0x22) } }
                        bytes.append(0x22)
                        line += field.filter { (byte: UInt8) -> Bool in byte == 0x0A }.count
                    } else {
                        bytes += field
                    }
                }
                if row < rows - 1 || rng.next() % 2 == 0 {
                    bytes += lineEnd
                    line += 1
                    if rng.next() % 8 == 0 { bytes += lineEnd; line += 1 } // a blank line, skipped
                }
            }
            let path = folder + "/t\(trial).csv"
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let reference = try NaiveCSV.parse(bytes)
            #expect(reference.map(\.fields) == expected.map(\.fields))
            for size in [1 + Int(rng.next() % 17), 4096] {
                let read = try Self.readAll(path, bufferSize: size)
                #expect(read.map(\.fields) == expected.map(\.fields), "trial \(trial), buffer \(size)")
                #expect(read.dropFirst().map(\.line) == expected.dropFirst().map(\.line), "trial \(trial)")
            }
        }
    }

    /// Arbitrary bytes from the CSV alphabet after a fixed header: the reader and NaiveCSV both
    /// fail, or both give the same records.
    @Test(arguments: [11 as UInt64, 12])
    func scannerAgreesWithNaiveParserOnGarbage(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let folder = TestFiles.temporaryFolder()
        let alphabet: [UInt8] = [0x22, 0x22, 0x2C, 0x0A, 0x0D, 0x61, 0x20, 0xC3, 0xA9]
        for trial in 0..<400 {
            let body = (0..<Int(rng.next() % 40)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let bytes = Array("a,b\n".utf8) + body
            let path = folder + "/g\(trial).csv"
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let reference = try? NaiveCSV.parse(bytes)
            for size in [1 + Int(rng.next() % 9), 4096] {
                let read = try? Self.readAll(path, bufferSize: size)
                #expect(read?.map(\.fields) == reference?.map(\.fields), "trial \(trial): \(bytes)")
                if let read, let reference { #expect(read.dropFirst().map(\.line) == reference.dropFirst().map(\.line)) }
            }
        }
    }

    // MARK: Date parser

    /// The reference calendar: day numbers by counting whole years and months (no era
    /// arithmetic), for years 1…9999.
    enum ReferenceCalendar {
        static func isLeap(_ y: Int) -> Bool { y % 400 == 0 || (y % 4 == 0 && y % 100 != 0) }
        static func monthLength(_ y: Int, _ m: Int) -> Int { [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] }
        /// Days from 0001-01-01 to January 1st of each year 1…10000.
        static let yearStart: [Int] = {
            var starts = [0, 0]
            for y in 1...9999 { starts.append(starts[y] + (isLeap(y) ? 366 : 365)) }
            return starts
        }()
        /// 1970-01-01 counted from 0001-01-01.
        static let epoch = yearStart[1970]

        static func day(_ y: Int, _ m: Int, _ d: Int) -> Int? {
            guard (1...9999).contains(y), (1...12).contains(m), d >= 1, d <= monthLength(y, m) else { return nil }
            var days = yearStart[y]
            for month in 1..<m { days += monthLength(y, month) }
            return days + d - 1 - epoch
        }

        static func civil(_ day: Int) -> (Int, Int, Int) {
            let n = day + epoch
            var lo = 1, hi = 9999
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if yearStart[mid] <= n { lo = mid } else { hi = mid - 1 }
            }
            var rest = n - yearStart[lo], m = 1
            while rest >= monthLength(lo, m) { rest -= monthLength(lo, m); m += 1 }
            return (lo, m, rest + 1)
        }
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Every day of 0001-01-01…9999-12-31: day number ⇄ civil date agree with the reference.
    @Test func calendarArithmeticMatchesReferenceOverTheWholeRange() {
        let first = ReferenceCalendar.day(1, 1, 1)!, last = ReferenceCalendar.day(9999, 12, 31)!
        #expect(CalendarDay.daysFromCivil(year: 1, month: 1, day: 1) == first)
        var mismatches = 0
        for n in first...last {
            let (y, m, d) = ReferenceCalendar.civil(n)
            if CalendarDay.daysFromCivil(year: y, month: m, day: d) != n { mismatches += 1 }
            let back = CalendarDay.civilFromDays(n)
            if back.year != y || back.month != m || back.day != d { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(last - first + 1 == 3_652_059)
    }

    /// Random days in all three spellings parse to the reference day; the description round-trips.
    @Test(arguments: [21 as UInt64, 22])
    func dateParserMatchesReferenceCalendar(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let first = ReferenceCalendar.day(1, 1, 1)!, last = ReferenceCalendar.day(9999, 12, 31)!
        var days = [first, last, 0, -1, ReferenceCalendar.day(2000, 2, 29)!, ReferenceCalendar.day(1900, 2, 28)!]
        for _ in 0..<20_000 { days.append(first + Int(rng.next() % UInt64(last - first + 1))) }
        for n in days {
            let (y, m, d) = ReferenceCalendar.civil(n)
            let iso = "\(Self.pad(y, 4))-\(Self.pad(m, 2))-\(Self.pad(d, 2))"
            let compact = "\(Self.pad(y, 4))\(Self.pad(m, 2))\(Self.pad(d, 2))"
            for text in [iso, compact, iso + "T23:59:59Z", iso + " 10:00:00+02:00"] {
                #expect(CalendarDay(parsing: text)?.daysSinceEpoch == Int32(n), "\(text)")
            }
            #expect(CalendarDay(daysSinceEpoch: Int32(n)).description == iso)
        }
    }

    /// Random year/month/day triples, many impossible: parsed exactly when the reference says
    /// the date exists.
    @Test(arguments: [31 as UInt64, 32])
    func invalidDatesAreRejected(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<30_000 {
            let y = Int(rng.next() % 10_000), m = Int(rng.next() % 14), d = Int(rng.next() % 33)
            let text = "\(Self.pad(y, 4))-\(Self.pad(m, 2))-\(Self.pad(d, 2))"
            let expected = ReferenceCalendar.day(y, m, d).map(Int32.init)
            #expect(CalendarDay(parsing: text)?.daysSinceEpoch == expected, "\(text)")
        }
        for text in ["1997-02-29", "1900-02-29", "0000-01-01", "10000-01-01", "1997-1-01", "1997-01-1", "97-01-01", "1997/01/01",
                     "1997-01-01T", "1997-01-01Tnoon", "1997-01-01 ", "+997-01-01", "１９９７-01-01", "1997-04-31", ""] {
            #expect(CalendarDay(parsing: text) == nil, "\(text)")
        }
    }

    // MARK: Amount parser

    static func strtodValue(_ text: String) -> Double { text.withCString { strtod($0, nil) } }

    static func randomDecimal(_ rng: inout SeededGenerator) -> String {
        func digits(_ count: Int) -> String { String((0..<count).map { _ in Character(String(rng.next() % 10)) }) }
        var text = ["", "-", "+"][Int(rng.next() % 3)]
        let whole = Int(rng.next() % 22), fraction = Int(rng.next() % 26)
        let point = whole == 0 || rng.next() % 3 != 0
        text += digits(whole)
        if point { text += "." + digits(whole == 0 ? max(fraction, 1) : fraction) }
        if rng.next() % 4 == 0 { text += ["e", "E"][Int(rng.next() % 2)] + ["", "-", "+"][Int(rng.next() % 3)] + String(rng.next() % 400) }
        return text
    }

    /// Random decimals (long mantissas, many fraction digits, exponents up to ±399) parse to
    /// exactly `strtod`'s correctly rounded double, or are not finite when `strtod` overflows.
    @Test(arguments: [41 as UInt64, 42])
    func amountParserMatchesStrtod(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<40_000 {
            let text = Self.randomDecimal(&rng)
            let reference = Self.strtodValue(text)
            switch DecimalParser.parseResult(Substring(text)) {
            case let .success(value): #expect(value.bitPattern == reference.bitPattern, "\(text)")
            case .failure(.notFinite): #expect(!reference.isFinite, "\(text)")
            case .failure(.notANumber): Issue.record("rejected \(text)")
            }
        }
    }

    /// Random strings over digits and look-alikes: accepted exactly when they match the
    /// documented grammar, and then equal to `strtod`.
    @Test(arguments: [51 as UInt64, 52])
    func amountGrammarIsExact(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let grammar = try NSRegularExpression(pattern: "^[ \\t]*[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?[ \\t]*$")
        let alphabet = Array("0123456789.eE+-x,_$ €\t")
        for _ in 0..<40_000 {
            let text = String((0..<Int(1 + rng.next() % 8)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            let matches = grammar.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            let result = DecimalParser.parseResult(Substring(text))
            switch result {
            case let .success(value):
                #expect(matches, "accepted \(text)")
                #expect(value.bitPattern == Self.strtodValue(text).bitPattern, "\(text)")
            case .failure(.notFinite): #expect(matches, "\(text)")
            case .failure(.notANumber): #expect(!matches, "rejected \(text)")
            }
        }
    }
}
