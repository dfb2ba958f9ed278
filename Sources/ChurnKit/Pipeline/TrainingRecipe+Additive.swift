import Foundation

extension TrainingRecipe {
    /// The additive inputs: each feature column once, untransformed. Quantile bins do not change
    /// under a monotone transform such as `log1p`, and ranges read in the column's own units
    /// (`days_since_last 121–150`), so `log1p(frequency)` enters as `frequency`.
    func additiveInputs(for data: TrainingData) -> [ModelInput] {
        var seen = Set<String>()
        return resolvedInputs(for: data).compactMap { input in
            seen.insert(input.column).inserted ? ModelInput(column: input.column) : nil
        }
    }

    /// Fits the additive model on `table` and assembles a format-version-2 model file value.
    func fitAdditive(_ data: TrainingData, table: FeatureTable, settings: AdditiveSettings) throws -> (model: ChurnModel, report: TrainingReport) {
        let inputs = additiveInputs(for: data)
        try Self.checkMonotone(settings.monotone, encoding: data.encoding)
        let design = try ModelInput.designMatrix(inputs, from: table)
        guard let labels = table.labels else { throw FeatureError.invalidOption("the training data has no label") }
        let weights = self.settings.classWeight.combined(with: table.sampleWeights, labels: labels)
        var additiveSettings = settings
        additiveSettings.C = self.settings.C
        let fit = try AdditiveTrainer.fit(design, inputNames: inputs.map(\.name), labels: labels, sampleWeights: weights,
                                          settings: additiveSettings)
        let keptInputs = inputs.filter { fit.inputNames.contains($0.name) }
        let keptColumns = keptInputs.map { input in inputs.firstIndex(of: input)! }
        let spec = FeatureSpec(inputKind: data.inputKind, transactions: data.transactions, table: data.encoding, inputs: keptInputs,
                               droppedInputs: fit.droppedInputs)
        let additive = fit.model
        let hyper = self.settings
        var model = ChurnModel(
            formatVersion: ChurnModel.additiveFormatVersion, modelType: ChurnModel.additiveType, modelID: "",
            churnkitVersion: ChurnKitVersion.current, createdAt: ISO8601DateFormatter().string(from: Date()),
            featureSpec: spec, standardizer: Standardizer(means: [], standardDeviations: []), coefficients: [],
            intercept: .init(standardized: additive.intercept, original: additive.intercept, standardError: nil),
            hyperParameters: .init(solver: fit.report.solver, C: hyper.C, l1Ratio: 0, classWeight: hyper.classWeight,
                                   fitIntercept: true, standardize: false, maxIter: settings.solverSettings.maxIterations,
                                   tol: settings.solverSettings.tolerance, seed: settings.seed, usesSampleWeights: table.sampleWeights != nil),
            trainingReport: fit.report,
            trainingData: .init(file: (source.name as NSString).lastPathComponent, sha256: data.sha256, rows: table.rowCount,
                                positives: Int(labels.reduce(0, +))),
            evaluation: nil, evaluationKind: nil,
            inputRanges: keptColumns.map { j in
                var range = ChurnModel.InputRange(minimum: .infinity, maximum: -.infinity)
                for i in 0..<design.rows where !design[i, j].isNaN {
                    range.minimum = min(range.minimum, design[i, j])
                    range.maximum = max(range.maximum, design[i, j])
                }
                return range
            },
            terms: additive)
        let identity = additive.terms.map { "\($0.name)=\($0.contributions)" }.joined(separator: ";") + ";\(additive.intercept)"
        model.modelID = "\(modelName)-" + String(ContentDigest.hex(of: Array(identity.utf8)).prefix(12))
        return (model, fit.report)
    }

    /// A monotone constraint needs an order: a text column (or one of its one-hot levels) has none.
    static func checkMonotone(_ constraints: [String: MonotoneDirection], encoding: TableEncoding?) throws {
        guard let encoding else { return }
        for (name, direction) in constraints.sorted(by: { $0.key < $1.key }) {
            for source in encoding.columns where name == source.name || source.outputNames.contains(name) {
                guard case let .categorical(column, _, _, _) = source else { continue }
                throw ParameterError(parameter: "monotone_constraints", value: "\(name)=\(direction.symbol)",
                                     allowed: "numeric inputs only; \(column) is categorical (its levels have no order)")
            }
        }
    }
}
