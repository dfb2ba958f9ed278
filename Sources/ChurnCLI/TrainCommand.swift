import ArgumentParser
import ChurnKit
import Foundation

/// `churn train`: fit a logistic-regression churn model and write the model file.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a logistic-regression churn model and write it as a JSON model file.",
        discussion: """
        Terms (--terms): by default additive+pairs, a learned shape per input plus the interaction \
        pairs inner cross-validation keeps (0-10; bins, roughness and pairs chosen on the training \
        rows), the kind 5-fold cross-validation picks on the bundled data; --terms linear for a \
        straight line per input, which an option only the linear model has (--l1-ratio, --solver \
        owlqn/gradient-descent/sgd, SGD's options, --no-standardize) also selects; --terms auto to \
        cross-validate all three on this data and keep the best.

        Linear objective (scikit-learn's): C·Σ wᵢ·logloss(yᵢ, xᵢ·β + b) + ½(1 − l1_ratio)‖β‖² + l1_ratio‖β‖₁, \
        intercept not penalized, inputs standardized inside the model. Default solver: newton \
        (Cholesky) up to 200 parameters, lbfgs above, owlqn when l1_ratio > 0.

        Examples:
          churn train datasets/cdnow/transactions.csv --cutoff 1997-09-30 \\
            --horizon 273 --output models/cdnow.json
          churn train datasets/telco/wa_churn.csv --label churn --positive Yes \\
            --output models/telco.json
          churn train log.csv --cutoff 1997-09-30 --every 30d --horizon 90 \\
            --features frequency,recency,T,monetary_value
        """
    )

    @OptionGroup var training: TrainingOptions

    @Option(name: .shortAndLong, help: "Where to write the model file (written atomically; - for standard output).")
    var output: String?

    @Option(help: "Cross-validate the recipe with K folds and store the out-of-fold metrics in the model (default: in-sample metrics).")
    var cv: Int?

    @Flag(help: "No progress display.")
    var quiet = false

    @Option(help: "Model kind: logistic (default) or bgnbd (BG/NBD + Gamma-Gamma on frequency, recency, T and monetary_value of a transaction log).")
    var kind: ModelKind = .logistic

    @Option(help: "bgnbd: lifetimes' penalizer_coef (L2 on the parameters, in lifetimes' scaled time).")
    var penalizerCoef: Double = 0

    func validate() throws {
        try OptionCheck.validate { if let cv { try CrossValidation.validate(folds: cv) } }
    }

    func run() throws {
        try runReportingErrors {
            try checkRunFiles(inputs: [("training data", training.data)],
                              outputs: [("--output", output), ("--rejects", training.logOptions.rejects)])
            if kind == .bgnbd { return try trainBGNBD() }
            let progress = ProgressReporter(label: "training", quiet: quiet)
            let name = output.map { ($0 as NSString).lastPathComponent.replacingOccurrences(of: ".json", with: "") } ?? "churn"
            if let note = training.resolvedTerms().note { print(note + "\n") }
            var recipe = try training.recipe(modelName: name, progress: { iteration, value in
                progress.update(fraction: nil, detail: "iteration \(iteration), objective \(NumberText.fixed(value, 6))")
            })
            let data = try recipe.loadData(progress: ProgressReporter(label: "reading \(training.data)", quiet: quiet))
            if let encoding = data.encoding {
                print("column types (decided from every cell)\n" + encoding.columnTypeDescriptions.map { "  " + $0 }.joined(separator: "\n") + "\n")
            }
            for warning in data.inputWarnings { Terminal.printError("warning: " + OptionCheck.flagged(warning)) }
            var selection: TermsSelection.Outcome? = nil
            if training.termOptions.terms == .auto, let additive = recipe.additive {
                let outcome = try TermsSelection.choose(recipe, data: data, additive: additive, folds: cv ?? 5, seed: training.seed,
                                                        progress: ProgressReporter(label: "choosing terms", quiet: quiet))
                print(TermsSelectionText.render(outcome))
                recipe = outcome.recipe
                selection = outcome
            }
            var (model, _) = try recipe.fit(data)
            progress.finish()
            if let selection {
                // The chosen candidate's cross-validation is this recipe's, on the same folds and seed.
                let result = selection.chosenResult
                model.evaluation = result.outOfFold.headline
                model.evaluationKind = "\(result.folds)-fold stratified cross-validation (seed \(training.seed)), out-of-fold predictions (the one that chose the terms)"
            } else if let cv {
                let result = try CrossValidation.run(recipe, data: data, folds: cv, seed: training.seed,
                                                     progress: ProgressReporter(label: "cross-validating", quiet: quiet))
                model.evaluation = result.outOfFold.headline
                model.evaluationKind = "\(cv)-fold stratified cross-validation (seed \(training.seed)), out-of-fold predictions"
            } else {
                let design = try model.designMatrix(from: data.table, file: training.data)
                let report = EvaluationReport(labels: data.table.labels!, probabilities: model.churnProbabilities(design),
                                              weights: data.table.sampleWeights)
                model.evaluation = report.headline
                model.evaluationKind = "in-sample (the training rows; optimistic — use --cv for an honest estimate)"
            }
            if let output { try model.write(to: output) }
            print(ModelSummaryText.render(model))
            if let evaluation = model.evaluation {
                let shown = ["roc_auc", "average_precision", "log_loss", "brier_score", "top_decile_lift"].compactMap { name in
                    evaluation[name].map { "\(name) \(NumberText.fixed($0, 4))" }
                }
                print("\nevaluation (\(model.evaluationKind ?? "")): \(shown.joined(separator: ", "))")
            }
            if let output { print("\nwrote \(output) (model_id \(model.modelID))") }
        }
    }
}
