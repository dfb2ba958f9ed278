import Testing
@testable import ChurnKit

struct CalendarDayTests {
    @Test(arguments: ["1997-09-30", "19970930", "1997-09-30T23:59:59", "1997-09-30T10:00:00Z",
                      "1997-09-30T10:00:00+02:00", "1997-09-30T10:00:00.123-05:00", "1997-09-30 08:15"])
    func acceptedFormats(text: String) {
        #expect(CalendarDay(parsing: text)?.description == "1997-09-30")
    }

    @Test(arguments: ["1997-13-01", "1997-02-29", "19970230", "97-01-01", "1997/01/01", "", "1997-01-01Tnoon", "1997-1-1", "abcdefgh"])
    func rejectedText(text: String) {
        #expect(CalendarDay(parsing: text) == nil)
    }

    @Test func leapYearsAndRoundTrip() {
        #expect(CalendarDay(parsing: "2000-02-29") != nil)
        #expect(CalendarDay(parsing: "1900-02-29") == nil)
        #expect(CalendarDay(parsing: "1970-01-01")!.daysSinceEpoch == 0)
        #expect(CalendarDay(parsing: "1998-06-30")!.daysSinceEpoch - CalendarDay(parsing: "1997-09-30")!.daysSinceEpoch == 273)
        for days in stride(from: -25_000, through: 85_000, by: 97) {
            let day = CalendarDay(daysSinceEpoch: Int32(days))
            #expect(CalendarDay(parsing: day.description) == day)
        }
    }
}

struct DecimalParserTests {
    func parse(_ text: String) -> Double? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            if case let .success(value) = DecimalParser.parse(UnsafeBufferPointer(buffer)) { return value }
            return nil
        }
    }

    @Test func exactDecimals() {
        #expect(parse("12.99") == 12.99)
        #expect(parse("-4.10") == -4.1)
        #expect(parse("+0.00") == 0)
        #expect(parse("1286.01") == 1286.01)
        #expect(parse(".5") == 0.5)
        #expect(parse("7") == 7)
        #expect(parse("1e3") == 1000)
        #expect(parse("123456789012345678901234.5") == 123456789012345678901234.5)
        #expect(parse("0.1000000000000000055511151231257827") == 0.1)
    }

    @Test func rejects() {
        for text in ["", "abc", "1.2.3", "12,5", "-", ".", "nan", "NaN", "inf", "-Infinity", "1e999", "$5"] {
            #expect(parse(text) == nil, "\(text) should not parse")
        }
    }
}
