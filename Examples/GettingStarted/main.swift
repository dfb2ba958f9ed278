// The getting-started example: train a churn model on a made-up shop's purchases held in memory, check it by
// cross-validation, score every customer with reasons, save the model and load it back.
//
// The code between the `docs:begin` and `docs:end` lines is the code shown in the README's
// "Use from Swift" section and in the DocC getting-started article; ExampleTests checks that
// they are the same text, runs this program and checks what it prints.
// docs:begin
import ChurnKit
import Foundation

// 1. Transactions in memory: a made-up shop, some customers who keep buying and some who stop (SyntheticShop.swift).
let transactions: [Transaction] = SyntheticShop().transactions()
let source = FeatureSource.transactions(transactions)

// 2. Train on rolling snapshots: a cut-off every 90 days, each labelled by the 90 days after it.
let recipe = TrainingRecipe(source: source, schedule: .every(days: 90), horizonDays: 90)
let data = try recipe.loadData()
let (model, report) = try recipe.fit(data)
print("trained on \(data.table.rowCount) rows from \(data.cutoffs.count) snapshots; converged: \(report.converged)")

// 3. Cross-validate: five folds, each customer's snapshots kept together in one fold.
let validation = try CrossValidation.run(recipe, data: data, folds: 5)
print("cross-validated ROC AUC: \(String(format: "%.3f", validation.outOfFold.metrics.rocAUC))")

// 4. Score every customer as of the last day, riskiest first, with the reasons behind each score.
let scorer = RiskScorer(model: model)
let scored = try scorer.score(scorer.input(from: source), file: source.name)
let riskiest = scored.sorted { $0.churnProbability > $1.churnProbability }
for customer in riskiest.prefix(3) {
    let reasons = customer.reasons.map(\.text).joined(separator: ", ")
    print("at risk: \(customer.customerID) \(String(format: "%.3f", customer.churnProbability)) because \(reasons)")
}

// 5. Save the model, load it back: the loaded model scores every customer the same.
let modelPath = FileManager.default.temporaryDirectory.path + "/churn-model.json"
try model.write(to: modelPath)
let loaded = RiskScorer(model: try ChurnModel.load(path: modelPath))
let rescored = try loaded.score(loaded.input(from: source), file: source.name)
print("reloaded model scores identically: \(rescored == scored)")
// docs:end
