import Testing
@testable import ChurnKit

struct RetentionPeriodTests {
    func day(_ text: String) -> CalendarDay { CalendarDay(parsing: text)! }

    @Test func calendarBoundaries() {
        let month = RetentionPeriod.month.number(of: day("1996-02-29"))
        #expect(RetentionPeriod.month.start(of: month) == day("1996-02-01"))
        #expect(RetentionPeriod.month.end(of: month) == day("1996-02-29"))
        #expect(RetentionPeriod.month.label(of: month) == "1996-02")
        #expect(RetentionPeriod.month.number(of: day("1997-01-01")) == RetentionPeriod.month.number(of: day("1996-12-31")) + 1)

        let quarter = RetentionPeriod.quarter.number(of: day("1997-05-17"))
        #expect(RetentionPeriod.quarter.start(of: quarter) == day("1997-04-01"))
        #expect(RetentionPeriod.quarter.end(of: quarter) == day("1997-06-30"))
        #expect(RetentionPeriod.quarter.label(of: quarter) == "1997-Q2")
        #expect(RetentionPeriod.quarter.label(of: quarter + 3) == "1998-Q1")

        let year = RetentionPeriod.year.number(of: day("1997-12-31"))
        #expect(RetentionPeriod.year.start(of: year) == day("1997-01-01"))
        #expect(RetentionPeriod.year.end(of: year) == day("1997-12-31"))
        #expect(RetentionPeriod.year.label(of: year) == "1997")
        #expect(RetentionPeriod.month.label(of: RetentionPeriod.month.number(of: day("1997-11-30"))) == "1997-11")
    }
}
