import Foundation
import Testing
@testable import ChurnKit

/// The bundled datasets are regression tests: fixed recipes must keep their AUC, and the
/// committed models must be what retraining gives.
struct BundledDatasetRegressionTests {
    static let cdnowRecipe = TrainingRecipe(source: .transactionLog(path: TestFiles.cdnow), schedule: .cutoff(CalendarDay(parsing: "1997-09-30")!),
                                            horizonDays: 273)
    static let telcoRecipe = TrainingRecipe(source: .table(path: TestFiles.telco, columns: TableColumns(label: "churn", positiveLabel: "Yes")))

    /// The default recipe (all features, log1p transforms, C = 1): out-of-fold AUC ≥ 0.770
    /// (scikit-learn with lifetimes' four columns: 0.7690).
    @Test func cdnowDefaultRecipeCrossValidatedAUC() throws {
        let recipe = Self.cdnowRecipe
        let result = try CrossValidation.run(recipe, data: recipe.loadData(), folds: 5, seed: 0)
        #expect(result.outOfFold.metrics.rocAUC >= 0.770, "AUC \(result.outOfFold.metrics.rocAUC)")
        #expect(!result.probabilities.contains { $0.isNaN })
        var four = Self.cdnowRecipe
        four.inputs = TransactionFeature.lifetimesColumns.map { ModelInput(column: $0.name) }
        let baseline = try CrossValidation.run(four, data: four.loadData(), folds: 5, seed: 0)
        #expect(abs(baseline.outOfFold.metrics.rocAUC - 0.7690) < 0.002, "four-feature AUC \(baseline.outOfFold.metrics.rocAUC)")
    }

    /// One-hot + median fill (refitted per fold) + standardize, C = 1: AUC ≥ 0.845 (scikit-learn: 0.8452).
    @Test func telcoCrossValidatedAUC() throws {
        let recipe = Self.telcoRecipe
        let data = try recipe.loadData()
        #expect(data.table.columnCount == 41)
        let reference = try ReferenceOutput.load("telco.json")
        #expect(data.table.columnNames == ((reference["encoding"] as! [String: Any])["columns"] as! [String]))
        let result = try CrossValidation.run(recipe, data: data, folds: 5, seed: 0)
        #expect(result.outOfFold.metrics.rocAUC >= 0.845, "AUC \(result.outOfFold.metrics.rocAUC)")
    }

    /// `make models` is deterministic: retraining gives the committed coefficients.
    @Test(arguments: [("models/cdnow.json", cdnowRecipe), ("models/telco.json", telcoRecipe)])
    func committedModelsRetrainIdentically(path: String, recipe: TrainingRecipe) throws {
        let committed = try ChurnModel.load(path: TestFiles.bundled(path))
        var retrained = try recipe.fit(recipe.loadData()).model
        // The committed files predate `missing_in_training` (they also check that old files load):
        // a text column's flag is compared only where the file records it.
        if let columns = retrained.featureSpec.table?.columns, let recorded = committed.featureSpec.table?.columns, columns.count == recorded.count {
            retrained.featureSpec.table?.columns = zip(columns, recorded).map { column, old in
                guard case let .categorical(name, levels, other, _) = column, case .categorical(_, _, _, nil) = old else { return column }
                return .categorical(name: name, levels: levels, otherLevel: other)
            }
        }
        #expect(retrained.featureSpec == committed.featureSpec)
        #expect(retrained.standardizer == committed.standardizer)
        for (a, b) in zip(retrained.coefficients, committed.coefficients) {
            #expect(a.input == b.input)
            #expect(isClose(a.standardized, b.standardized, absolute: 1e-10, relative: 1e-9), "\(a.input)")
        }
        #expect(isClose(retrained.intercept.standardized, committed.intercept.standardized, absolute: 1e-10, relative: 1e-9))
    }

    /// Rolling snapshots stack one row per customer per cut-off; folds keep a customer together.
    @Test func rollingSnapshotsKeepCustomersInOneFold() throws {
        let recipe = TrainingRecipe(source: .transactionLog(path: TestFiles.cdnow),
                                    schedule: .cutoffs([CalendarDay(parsing: "1997-06-30")!, CalendarDay(parsing: "1997-09-30")!]),
                                    horizonDays: 90, inputs: TransactionFeature.lifetimesColumns.map { ModelInput(column: $0.name) })
        let data = try recipe.loadData()
        #expect(data.table.rowCount == 2 * 23_570)
        let folds = try StratifiedKFold(foldCount: 5, seed: 0).folds(labels: data.table.labels!, groups: data.groups)
        var foldOfCustomer: [String: Int] = [:]
        for (row, customer) in data.groups.enumerated() {
            if let fold = foldOfCustomer[customer] { #expect(fold == folds.foldOfRow[row]) } else { foldOfCustomer[customer] = folds.foldOfRow[row] }
        }
        let result = try CrossValidation.run(recipe, data: data, folds: 5, seed: 0)
        #expect(result.grouped)
        #expect(result.outOfFold.metrics.rocAUC > 0.7)
    }
}

/// The C search cross-validates each candidate once and hands back the winner's run.
struct HyperParameterSearchTests {
    @Test func bestCandidateComesWithItsCrossValidation() throws {
        var recipe = BundledDatasetRegressionTests.cdnowRecipe
        recipe.inputs = TransactionFeature.lifetimesColumns.map { ModelInput(column: $0.name) }
        let data = try recipe.loadData()
        let (search, best) = try HyperParameterSearch.run(recipe, data: data, Cs: [0.0001, 1], l1Ratios: [0], criterion: .logLoss,
                                                          folds: 3, seed: 0)
        #expect(search.candidates.count == 2)
        #expect(search.best.C == 1) // a very strong penalty fits worse
        #expect(search.best.logLoss == best.outOfFold.metrics.logLoss)
        #expect(search.best.rocAUC == best.outOfFold.metrics.rocAUC)
        var chosen = recipe
        chosen.settings.C = 1
        let rerun = try CrossValidation.run(chosen, data: data, folds: 3, seed: 0)
        #expect(rerun.probabilities == best.probabilities)
    }
}
