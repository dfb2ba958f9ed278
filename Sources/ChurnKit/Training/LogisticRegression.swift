/// Hyper-parameters of a logistic-regression fit, named as in scikit-learn.
public struct LogisticRegressionSettings: Sendable {
    /// nil: ``SolverRules/automatic(for:parameterCount:)``; checked against the penalty by ``SolverRules``.
    public var solver: Solver?
    /// Inverse regularization strength: larger C, weaker penalty.
    public var C: Double
    /// 0 = pure L2, 1 = pure L1, in between elastic net.
    public var l1Ratio: Double
    public var classWeight: ClassWeight
    public var fitIntercept: Bool
    /// Standardize inputs inside the model (recommended; the penalty then treats features alike).
    public var standardize: Bool
    public var solverSettings: SolverSettings
    /// Compute standard errors, z and p-values (skipped with L1 and above 500 parameters).
    public var inference: Bool
    /// Refit at 100·C when coefficients look large, to detect separation.
    public var separationCheck: Bool

    public init(solver: Solver? = nil, C: Double = 1, l1Ratio: Double = 0, classWeight: ClassWeight = .none,
                fitIntercept: Bool = true, standardize: Bool = true, solverSettings: SolverSettings = SolverSettings(),
                inference: Bool = true, separationCheck: Bool = true) {
        self.solver = solver
        self.C = C
        self.l1Ratio = l1Ratio
        self.classWeight = classWeight
        self.fitIntercept = fitIntercept
        self.standardize = standardize
        self.solverSettings = solverSettings
        self.inference = inference
        self.separationCheck = separationCheck
    }
}

extension LogisticRegressionSettings {
    /// Throws ``ParameterError`` for a setting no solver can work with.
    public func validate() throws {
        try ParameterCheck.number(C, "C", in: 0...Double.greatestFiniteMagnitude, openLower: true)
        try ParameterCheck.number(l1Ratio, "l1_ratio", in: 0...1)
        try solverSettings.validate()
    }
}

/// What a fit produced: the scoring kernel (standardizer, coefficients and intercept on the
/// standardized scale), the coefficients on the original scale, inference, and the training report.
public struct FittedLogisticRegression: Sendable {
    /// The inputs that entered the model (zero-variance ones removed), in coefficient order.
    public var inputNames: [String]
    /// Inputs dropped because they do not vary.
    public var droppedInputs: [String]
    /// The fitted model as the scorer applies it (inputs as given to the fit: no transforms).
    public var predictor: LinearPredictor
    public var originalCoefficients: [Double]
    public var originalIntercept: Double
    /// On the standardized scale; the intercept's entry is last.
    public var inference: CoefficientInference?
    public var originalInference: CoefficientInference?
    public var report: TrainingReport

    public var standardizer: Standardizer { predictor.standardizer }
    /// `β̃`, on the standardized scale.
    public var coefficients: [Double] { predictor.coefficients }
    /// `b̃`, on the standardized scale.
    public var intercept: Double { predictor.intercept }

    /// `P(churn | x)` for raw (unstandardized) inputs `x` in `inputNames` order.
    public func churnProbability(_ x: [Double]) -> Double {
        LogisticLoss.sigmoid(linearPredictor(x))
    }

    /// The logit `b̃ + Σ β̃ⱼ·(xⱼ − meanⱼ)/stdⱼ` (``LinearPredictor``).
    public func linearPredictor(_ x: [Double]) -> Double {
        precondition(x.count == predictor.termCount, "\(x.count) values for \(predictor.termCount) inputs")
        return predictor.logit(x)
    }
}

/// The training report: how the solver did, and what a person should know about the fit.
public struct TrainingReport: Codable, Sendable, Equatable {
    public var solver: Solver
    public var stoppingRule: String
    public var iterations: Int
    public var converged: Bool
    public var objective: Double
    public var gradientMaxNorm: Double
    public var objectiveHistory: [Double]
    public var seconds: Double
    public var message: String
    public var rows: Int
    public var positives: Double
    /// Plain-language findings: separation, collinearity, scaling, dropped columns.
    public var diagnostics: [String]

    enum CodingKeys: String, CodingKey {
        case solver, stoppingRule = "stopping_rule", iterations, converged, objective, gradientMaxNorm = "gradient_max_norm",
             objectiveHistory = "objective_history", seconds, message, rows, positives, diagnostics
    }
}

/// Binary logistic regression: standardization, the penalized objective, a solver, inference and
/// diagnostics. See ``LogisticObjective`` for the exact objective.
public enum LogisticRegression {
    /// Fits the model. `x`: rows × inputs, raw scale; `labels`: 0/1; `sampleWeights`: nil = 1.
    public static func fit(_ x: DenseMatrix, inputNames: [String], labels: [Double], sampleWeights: [Double]? = nil,
                           settings: LogisticRegressionSettings) throws -> FittedLogisticRegression {
        precondition(inputNames.count == x.columns, "\(inputNames.count) names for \(x.columns) columns")
        precondition(labels.count == x.rows, "\(labels.count) labels for \(x.rows) rows")
        let started = Clock.seconds()
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
                                    seconds: Clock.seconds() - started, message: result.message, rows: labels.count, positives: positives,
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
