import Foundation
import Testing
@testable import ChurnKit

/// No information from after a cut-off reaches its features; a backtest's training model sees
/// nothing after its own holdout. Proven by perturbing future rows and checking nothing changes.
struct LeakageTests {
    /// CDNOW with every row after `after` given another amount and moved a few days later.
    func perturbedCDNOW(after day: CalendarDay) throws -> String {
        let text = try String(contentsOfFile: TestFiles.cdnow, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for i in 1..<lines.count where !lines[i].isEmpty {
            let fields = lines[i].split(separator: ",").map(String.init)
            let date = CalendarDay(parsing: fields[1])!
            if date > day {
                let moved = min(date.adding(days: 3), CalendarDay(parsing: "1998-06-30")!)
                lines[i] = "\(fields[0]),\(moved),\(fields[2]),\(Double(fields[3])! * 7 + 1)"
            }
        }
        return TestFiles.write(lines.joined(separator: "\n"), name: "perturbed.csv")
    }

    @Test func featuresIgnoreEverythingAfterTheCutoff() throws {
        let cutoff = CalendarDay(parsing: "1997-06-30")!
        let original = try TransactionFeatureBuilder().build(path: TestFiles.cdnow, cutoff: cutoff, horizonDays: nil)
        let perturbed = try TransactionFeatureBuilder(referenceGapDays: original.referenceGapDays)
            .build(path: perturbedCDNOW(after: cutoff), cutoff: cutoff, horizonDays: nil)
        #expect(original.table.values == perturbed.table.values)
        #expect(original.table.customerIDs == perturbed.table.customerIDs)
    }

    @Test func backtestTrainingSeesNothingAfterItsHoldout() throws {
        let trainingCutoff = CalendarDay(parsing: "1997-06-30")!
        let holdoutEnd = trainingCutoff.adding(days: 90)
        let inputs = TransactionFeature.lifetimesColumns.map { ModelInput(column: $0.name) }
        func model(_ path: String) throws -> ChurnModel {
            let recipe = TrainingRecipe(source: .transactionLog(path: path), schedule: .cutoffs([trainingCutoff]), horizonDays: 90, inputs: inputs)
            return try recipe.fit(recipe.loadData()).model
        }
        let original = try model(TestFiles.cdnow)
        let perturbed = try model(perturbedCDNOW(after: holdoutEnd))
        #expect(original.coefficients == perturbed.coefficients)
        #expect(original.intercept == perturbed.intercept)

        let result = try Backtest.run(TrainingRecipe(source: .transactionLog(path: TestFiles.cdnow), schedule: .cutoffs([trainingCutoff]), horizonDays: 90,
                                                     inputs: inputs),
                                      evaluationCutoff: CalendarDay(parsing: "1997-12-31")!)
        #expect(result.report.metrics.rocAUC > 0.7)
        #expect(result.evaluationRows == 23_570)
    }

    @Test func backtestRefusesAnEarlierEvaluationCutoff() {
        let recipe = TrainingRecipe(source: .transactionLog(path: TestFiles.cdnow), schedule: .cutoffs([CalendarDay(parsing: "1997-09-30")!]), horizonDays: 90)
        #expect(throws: FeatureError.self) { try Backtest.run(recipe, evaluationCutoff: CalendarDay(parsing: "1997-06-30")!) }
    }
}
