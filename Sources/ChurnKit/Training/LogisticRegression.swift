

/// Binary logistic regression: standardization, the penalized objective, a solver, inference and
/// diagnostics. See ``LogisticObjective`` for the exact objective.
public enum LogisticRegression {
    /// Fits the model. `x`: rows × inputs, raw scale; `labels`: 0/1; `sampleWeights`: nil = 1.
    public static func fit(_ x: DenseMatrix, inputNames: [String], labels: [Double], sampleWeights: [Double]? = nil,
                           settings: LogisticRegressionSettings) throws -> FittedLogisticRegression {
        precondition(inputNames.count == x.columns, "\(inputNames.count) names for \(x.columns) columns")
        precondition(labels.count == x.rows, "\(labels.count) labels for \(x.rows) rows")
        let started = MonotonicClock.seconds()
        try settings.validate()
        let positives = try checkLabels(labels)
        var diagnostics: [String] = []
        let columns = try StandardizedColumns(x, names: inputNames, standardize: settings.standardize, diagnostics: &diagnostics)
        let weights = settings.classWeight.combined(with: sampleWeights, labels: labels)
        if let weights { try TrainingError.checkWeights(weights, labels: labels) }
        let objective = LogisticObjective(features: columns.design, labels: labels, sampleWeights: weights, C: settings.C,
                                          l1Ratio: settings.l1Ratio, fitIntercept: settings.fitIntercept)
        let solver = try SolverRules.resolve(settings.solver, for: .logisticRegression(l1Ratio: settings.l1Ratio),
                                             parameterCount: objective.parameterCount)
        let result = solver.trainer.minimize(objective, from: [Double](repeating: 0, count: objective.parameterCount),
                                             settings: settings.solverSettings)

        let p = columns.names.count
        let predictor = LinearPredictor(standardizer: columns.standardizer, coefficients: Array(result.parameters[0..<p]),
                                        intercept: settings.fitIntercept ? result.parameters[p] : 0)
        let original = predictor.originalScale
        let inference = inferenceAtOptimum(objective, result.parameters, predictor: predictor, original: original,
                                           names: columns.names, settings: settings, diagnostics: &diagnostics)
        diagnostics += try findings(objective, result, predictor: predictor, design: columns.design, labels: labels,
                                    weights: weights, names: columns.names, settings: settings)
        let report = TrainingReport(solver: solver, stoppingRule: solver.stoppingRule, iterations: result.iterations, converged: result.converged,
                                    objective: result.objective, gradientMaxNorm: result.gradientMaxNorm, objectiveHistory: result.objectiveHistory,
                                    seconds: MonotonicClock.seconds() - started, message: result.message, rows: labels.count, positives: positives,
                                    diagnostics: diagnostics)
        return FittedLogisticRegression(inputNames: columns.names, droppedInputs: columns.dropped, predictor: predictor,
                                        originalCoefficients: original.coefficients, originalIntercept: original.intercept,
                                        inference: inference?.standardized, originalInference: inference?.original, report: report)
    }

    /// The number of positive labels; throws unless every label is 0 or 1 and both occur.
    static func checkLabels(_ labels: [Double]) throws -> Double {
        if let bad = labels.first(where: { $0 != 0 && $0 != 1 }) { throw TrainingError.invalidSetting("labels must be 0 or 1, found \(bad)") }
        let positives = labels.reduce(0, +)
        if positives == 0 || positives == Double(labels.count) {
            throw TrainingError.singleClass(label: labels.first ?? 0, rows: labels.count)
        }
        return positives
    }

    /// Collinearity from the Hessian at the optimum, and the coefficients' inference on both
    /// scales (not with an L1 penalty, nor above 500 parameters, where the Hessian is too costly).
    static func inferenceAtOptimum(_ objective: LogisticObjective, _ theta: [Double], predictor: LinearPredictor,
                                   original: (coefficients: [Double], intercept: Double), names: [String],
                                   settings: LogisticRegressionSettings, diagnostics: inout [String])
        -> (standardized: CoefficientInference, original: CoefficientInference)? {
        guard objective.parameterCount <= 500 else { return nil }
        var gradient: [Double] = [], hessian: [Double] = []
        _ = objective.valueGradientHessian(at: theta, gradient: &gradient, hessian: &hessian)
        let q = objective.parameterCount
        if let finding = Diagnostics.collinearity(hessian: hessian, parameterCount: q, featureCount: predictor.termCount,
                                                  l2: objective.l2Strength, names: names) {
            diagnostics.append(finding)
        }
        guard settings.inference && settings.l1Ratio == 0 else { return nil }
        var covariance = hessian
        guard BLAS.invertSymmetricPositiveDefinite(n: q, &covariance) else {
            diagnostics.append("standard errors not computed: the Hessian at the optimum is singular (perfectly collinear features or separation)")
            return nil
        }
        let originalCovariance = CoefficientInference.originalScaleCovariance(covariance, standardizer: predictor.standardizer,
                                                                              fitIntercept: settings.fitIntercept)
        return (CoefficientInference(estimates: theta, covariance: covariance),
                CoefficientInference(estimates: original.coefficients + (settings.fitIntercept ? [original.intercept] : []),
                                     covariance: originalCovariance))
    }

    /// Separation (a refit at larger C when the fit looks suspicious) and non-convergence.
    static func findings(_ objective: LogisticObjective, _ result: OptimizationResult, predictor: LinearPredictor, design: DenseMatrix,
                         labels: [Double], weights: [Double]?, names: [String], settings: LogisticRegressionSettings) throws -> [String] {
        var findings: [String] = []
        let beta = predictor.coefficients
        let meanLoss = (result.objective - 0.5 * objective.l2Strength * beta.reduce(0) { $0 + $1 * $1 }) / objective.gradientScale
        if settings.separationCheck, let finding = try Diagnostics.separation(coefficients: beta, names: names, design: design, labels: labels,
                                                                             weights: weights, settings: settings, converged: result.converged,
                                                                             meanLoss: meanLoss) {
            findings.append(finding)
        }
        if !result.converged {
            findings.append("the solver did not converge (\(result.message)); raise max_iter, loosen tol, or see the other findings")
        }
        return findings
    }
}
