import Foundation
import Testing
@testable import ChurnKit

/// `churn train` on a saved training table fits the model it fits on the log.
struct TrainingTableFileTests {
    @Test func trainingOnTheFeatureTableGivesTheLogsModel() throws {
        let cutoff = CalendarDay(parsing: "1997-09-30")!
        let fromLog = TrainingRecipe(source: .transactionLog(path: TestFiles.cdnow), schedule: .cutoff(cutoff), horizonDays: 273, modelName: "m")
        let logData = try fromLog.loadData()
        let path = TestFiles.temporaryFolder() + "/features.csv"
        try logData.table.write(to: path, format: .csv)
        #expect(TrainingTableFile.isTrainingTable(path: path))
        #expect(!TrainingTableFile.isTrainingTable(path: TestFiles.cdnow))

        let fromTable = TrainingRecipe(source: .transactionLog(path: path), schedule: .cutoffs([cutoff]), horizonDays: 273,
                                       modelName: "m")
        let tableData = try fromTable.loadData()
        #expect(tableData.transactions == logData.transactions)
        let a = try fromLog.fit(logData).model, b = try fromTable.fit(tableData).model
        #expect(a.coefficients.map(\.standardized) == b.coefficients.map(\.standardized))
        #expect(a.intercept == b.intercept)
        #expect(a.featureSpec == b.featureSpec)
        #expect(a.modelID == b.modelID)
    }

    @Test func aTableNeedsOneCutoffAndWellFormedCells() throws {
        let header = (["customer_id"] + TransactionFeature.allCases.map(\.name) + ["is_churn"]).joined(separator: ",")
        let row = { (label: String) in "c1," + Array(repeating: "1", count: TransactionFeature.allCases.count).joined(separator: ",") + ",\(label)" }
        let good = TestFiles.write(header + "\n" + row("1") + "\n" + row("0") + "\n", name: "table.csv")
        let twoCutoffs = TrainingRecipe(source: .transactionLog(path: good), schedule: .cutoffs([CalendarDay(parsing: "2020-01-01")!, CalendarDay(parsing: "2020-02-01")!]), horizonDays: 30)
        #expect(throws: FeatureError.self) { try twoCutoffs.loadData() }
        let bad = TestFiles.write(header + "\n" + row("yes") + "\n", name: "table.csv")
        #expect(throws: IngestionError.self) { try TrainingTableFile.read(path: bad) }
        let (table, gap, _) = try TrainingTableFile.read(path: good)
        #expect(table.rowCount == 2 && table.labels == [1, 0])
        #expect(gap == 1)
    }
}
