import Testing
@_spi(Benchmarks) @testable import ChurnKit

/// The read the `Ingest/…` micro-benchmarks measure: every row of the log, nothing else.
struct ReadTransactionsOnlyTests {
    @Test func readsEveryRowOfTheLog() throws {
        let summary = try FeatureSource.transactionLog(path: TestFiles.cdnow).readTransactionsOnly()
        let lines = TestFiles.read(TestFiles.cdnow).split(separator: "\n").count - 1
        #expect(summary.rowsRead == lines)
        #expect(summary.rowsRead > 60_000)
        #expect(summary.firstDay == CalendarDay(parsing: "1997-01-01"))
    }

    @Test func refusesATable() {
        #expect(throws: FeatureError.self) { try FeatureSource.table(path: TestFiles.telco).readTransactionsOnly() }
    }
}
