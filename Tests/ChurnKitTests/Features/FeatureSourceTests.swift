import Foundation
import Testing
@testable import ChurnKit

/// One way in: a log on disk, the same transactions in memory and a table read or in memory give
/// the same features, models and scores.
struct FeatureSourceTests {
    /// CDNOW's rows as in-memory transactions, in file order.
    static let cdnowTransactions: [Transaction] = {
        let text = try! String(contentsOfFile: TestFiles.cdnow, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return Transaction(customerID: String(fields[0]), day: CalendarDay(parsing: String(fields[1]))!, amount: Double(fields[3])!)
        }
    }()
    static let cutoff = CalendarDay(parsing: "1997-09-30")!

    @Test func inMemoryTransactionsGiveTheLogsFeatures() throws {
        let fromLog = try FeatureSource.transactionLog(path: TestFiles.cdnow).transactionFeatures(asOf: Self.cutoff, horizonDays: 273)
        let fromMemory = try FeatureSource.transactions(Self.cdnowTransactions).transactionFeatures(asOf: Self.cutoff, horizonDays: 273)
        #expect(fromMemory.table.customerIDs == fromLog.table.customerIDs)
        #expect(fromMemory.table.columnNames == fromLog.table.columnNames)
        #expect(fromMemory.table.values.map(\.bitPattern) == fromLog.table.values.map(\.bitPattern))
        #expect(fromMemory.table.labels == fromLog.table.labels)
        #expect(fromMemory.referenceGapDays == fromLog.referenceGapDays)
        #expect(fromMemory.ingestion.rowsRead == fromLog.ingestion.rowsRead)
        #expect(fromMemory.ingestion.lastDay == fromLog.ingestion.lastDay)
    }

    /// Transactions out of date order take the same recount as a log out of order.
    @Test func shuffledTransactionsAreRecounted() throws {
        var generator = SeededGenerator(seed: 3)
        let shuffled = Self.cdnowTransactions.shuffled(using: &generator)
        let sorted = try FeatureSource.transactions(Self.cdnowTransactions).transactionFeatures(asOf: Self.cutoff, horizonDays: nil)
        let result = try FeatureSource.transactions(shuffled).transactionFeatures(asOf: Self.cutoff, horizonDays: nil)
        #expect(result.passes == 2)
        let order = Dictionary(uniqueKeysWithValues: result.table.customerIDs.enumerated().map { ($1, $0) })
        for (i, id) in sorted.table.customerIDs.enumerated() {
            let j = try #require(order[id])
            for k in 0..<sorted.table.columnCount {
                #expect(isClose(result.table[j, k], sorted.table[i, k], absolute: 1e-9, relative: 1e-12), "\(id) \(sorted.table.columnNames[k])")
            }
        }
    }

    @Test func trainingOnMemoryGivesTheLogsModel() throws {
        let fromLog = TrainingRecipe(source: .transactionLog(path: TestFiles.cdnow), schedule: .cutoff(Self.cutoff), horizonDays: 273)
        var fromMemory = fromLog
        fromMemory.source = .transactions(Self.cdnowTransactions)
        let logData = try fromLog.loadData(), memoryData = try fromMemory.loadData()
        #expect(memoryData.cutoffs == [Self.cutoff])
        #expect(memoryData.transactions == logData.transactions)
        let (a, b) = (try fromLog.fit(logData).model, try fromMemory.fit(memoryData).model)
        #expect(a.coefficients.map(\.standardized) == b.coefficients.map(\.standardized))
        #expect(a.intercept.standardized == b.intercept.standardized)
        #expect(b.trainingData.file == "<transactions>")
        #expect(b.trainingData.sha256.count == 64 && b.trainingData.sha256 != a.trainingData.sha256)

        let scoredLog = try RiskScorer(model: a).input(from: .transactionLog(path: TestFiles.cdnow))
        let scoredMemory = try RiskScorer(model: a).input(from: .transactions(Self.cdnowTransactions))
        #expect(scoredMemory.asOf == scoredLog.asOf)
        #expect(scoredMemory.table.values == scoredLog.table.values)
        #expect(scoredMemory.expectedSpend == scoredLog.expectedSpend)
    }

    @Test func badTransactionsNameTheParameter() throws {
        let day = CalendarDay(parsing: "2024-01-01")!
        #expect(throws: ParameterError.self) {
            try FeatureSource.transactions([Transaction(customerID: "a", day: day, amount: .nan)]).transactionFeatures(asOf: nil, horizonDays: nil)
        }
        #expect(throws: ParameterError.self) {
            try FeatureSource.transactions([Transaction(customerID: "", day: day, amount: 1)]).transactionFeatures(asOf: nil, horizonDays: nil)
        }
        #expect(throws: IngestionError.noRows(file: "<transactions>")) {
            try FeatureSource.transactions([]).transactionFeatures(asOf: nil, horizonDays: nil)
        }
    }

    /// A table in memory trains the model the file trains.
    @Test func rawTableGivesTheFilesModel() throws {
        let columns = TableColumns(label: "churn", positiveLabel: "Yes")
        let fromFile = TrainingRecipe(source: .table(path: TestFiles.telco, columns: columns))
        var fromMemory = fromFile
        fromMemory.source = .rawTable(try RawTable.read(path: TestFiles.telco), columns: columns)
        let (a, b) = (try fromFile.fit(fromFile.loadData()).model, try fromMemory.fit(fromMemory.loadData()).model)
        #expect(a.coefficients.map(\.standardized) == b.coefficients.map(\.standardized))
        #expect(a.featureSpec == b.featureSpec)
        let missingLabel = TrainingRecipe(source: .table(path: TestFiles.telco))
        #expect(throws: ParameterError.self) { try missingLabel.loadData() }
    }

    @Test func schedulesResolveToCutoffs() throws {
        let range = CalendarDay(parsing: "1997-01-01")!...CalendarDay(parsing: "1998-06-30")!
        let every = try SnapshotSchedule.every(days: 60, through: Self.cutoff).cutoffs(horizonDays: 90) { range }
        #expect(every.map(\.description) == ["1997-09-30", "1997-08-01", "1997-06-02", "1997-04-03"])
        #expect(try SnapshotSchedule.latest.cutoffs(horizonDays: 273) { range } == [Self.cutoff])
        #expect(try SnapshotSchedule.latest.cutoffs(horizonDays: nil) { range } == [range.upperBound])
        let latestEvery = try SnapshotSchedule.every(days: 150).cutoffs(horizonDays: 90) { range }
        #expect(latestEvery.map(\.description) == ["1998-04-01", "1997-11-02", "1997-06-05"])
        #expect(try SnapshotSchedule.cutoff(Self.cutoff).cutoffs(horizonDays: 90) { Issue.record("no dates needed"); return range } == [Self.cutoff])
        #expect(throws: FeatureError.self) { try SnapshotSchedule.cutoffs([Self.cutoff, Self.cutoff]).cutoffs(horizonDays: 90) { range } }
        do {
            _ = try SnapshotSchedule.every(days: 0).cutoffs(horizonDays: 90) { range }
            Issue.record("a step of 0 days was accepted")
        } catch let error as ParameterError {
            #expect(error.parameter == "every_days")
        }
        let centuries = CalendarDay(parsing: "0001-01-01")!...CalendarDay(parsing: "9999-12-31")!
        #expect(throws: ParameterError.self) { try SnapshotSchedule.every(days: 1).cutoffs(horizonDays: 1) { centuries } }
    }

    /// The rejects of a log are written once, however many snapshots read it.
    @Test func rejectsAreWrittenByTraining() throws {
        let folder = TestFiles.temporaryFolder()
        let text = try String(contentsOfFile: TestFiles.cdnow, encoding: .utf8) + "99,not-a-date,1,2.00\n"
        let log = folder + "/log.csv"
        try text.write(toFile: log, atomically: true, encoding: .utf8)
        let rejects = folder + "/rejects.csv"
        let recipe = TrainingRecipe(source: .transactionLog(path: log, badRows: .skip, rejectsPath: rejects),
                                    schedule: .cutoffs([CalendarDay(parsing: "1997-06-30")!, Self.cutoff]), horizonDays: 90)
        let data = try recipe.loadData()
        #expect(data.rowCutoffs?.count == data.table.rowCount)
        let written = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(written.contains("not-a-date"))
        #expect(written.split(separator: "\n").count == 2)
    }
}
