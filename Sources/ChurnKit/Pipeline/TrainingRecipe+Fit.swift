import Foundation

extension TrainingRecipe {
    /// Fits on all rows of `data` (or the rows listed) and assembles the model file value.
    public func fit(_ data: TrainingData, rows: [Int]? = nil) throws -> (model: ChurnModel, report: TrainingReport) {
        if let additive { return try fitAdditive(data, table: rows.map { data.table.rows($0) } ?? data.table, settings: additive) }
        let inputs = resolvedInputs(for: data)
        let (table, bgnbd) = try BuyTillYouDieModel.augmentForTraining(rows.map { data.table.rows($0) } ?? data.table, inputs: inputs,
                                                                       horizonDays: data.transactions?.horizonDays)
        try table.checkFinite(file: source.name, columns: inputs.map(\.column))
        let design = try ModelInput.designMatrix(inputs, from: table)
        try NonFiniteValueError.check(design, customers: table.customerIDs, inputs: inputs.map(\.name), file: source.name)
        guard let labels = table.labels else { throw FeatureError.invalidOption("the training data has no label") }
        let fit = try LogisticRegression.fit(design, inputNames: inputs.map(\.name), labels: labels, sampleWeights: table.sampleWeights,
                                             settings: settings)
        let keptInputs = inputs.filter { fit.inputNames.contains($0.name) }
        let q = keptInputs.count
        let coefficients = (0..<q).map { j in
            ChurnModel.Coefficient(input: keptInputs[j].name, standardized: fit.coefficients[j], original: fit.originalCoefficients[j],
                                   standardError: fit.inference?.standardErrors[j], zValue: fit.inference?.zValues[j],
                                   pValue: fit.inference?.pValues[j], lower95: fit.inference?.lower95[j], upper95: fit.inference?.upper95[j],
                                   originalStandardError: fit.originalInference.map { $0.standardErrors[j] }.flatMap { $0.isFinite ? $0 : nil })
        }
        // The intercept's inference is the last entry (with an intercept fitted).
        let interceptInference = settings.fitIntercept ? fit.inference : nil
        let solver = fit.report.solver
        let spec = FeatureSpec(inputKind: data.inputKind, transactions: data.transactions, table: data.encoding, inputs: keptInputs,
                               droppedInputs: fit.droppedInputs)
        var model = ChurnModel(
            formatVersion: ChurnModel.currentFormatVersion, modelType: ChurnModel.logisticRegressionType, modelID: "",
            churnkitVersion: ChurnKitVersion.current, createdAt: ISO8601DateFormatter().string(from: Date()),
            featureSpec: spec, standardizer: fit.standardizer, coefficients: coefficients,
            intercept: .init(standardized: fit.intercept, original: fit.originalIntercept, standardError: interceptInference?.standardErrors[q],
                             zValue: interceptInference?.zValues[q], pValue: interceptInference?.pValues[q],
                             lower95: interceptInference?.lower95[q], upper95: interceptInference?.upper95[q]),
            hyperParameters: .init(solver: solver, C: settings.C, l1Ratio: settings.l1Ratio, classWeight: settings.classWeight,
                                   fitIntercept: settings.fitIntercept, standardize: settings.standardize,
                                   maxIter: settings.solverSettings.maxIterations, tol: settings.solverSettings.tolerance,
                                   seed: settings.solverSettings.seed, usesSampleWeights: table.sampleWeights != nil),
            trainingReport: fit.report,
            trainingData: .init(file: (source.name as NSString).lastPathComponent, sha256: data.sha256, rows: table.rowCount,
                                positives: Int(labels.reduce(0, +))),
            evaluation: nil, evaluationKind: nil,
            inputRanges: keptInputs.map { input in
                let j = inputs.firstIndex(of: input)!
                var range = ChurnModel.InputRange(minimum: .infinity, maximum: -.infinity)
                for i in 0..<design.rows {
                    range.minimum = min(range.minimum, design[i, j])
                    range.maximum = max(range.maximum, design[i, j])
                }
                return range
            })
        let identity = coefficients.map { "\($0.input)=\($0.standardized)" }.joined(separator: ";") + ";\(fit.intercept)"
        model.modelID = "\(modelName)-" + String(ContentDigest.hex(of: Array(identity.utf8)).prefix(12))
        model.bgnbd = bgnbd
        return (model, fit.report)
    }
}
