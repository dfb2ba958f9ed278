/// Hyper-parameters of a logistic-regression fit, named as in scikit-learn.
public struct LogisticRegressionSettings: Sendable {
    /// nil: ``Solver/automatic(parameterCount:hasL1:)``.
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

/// What a fit produced: coefficients on both scales, inference, and the training report.
public struct FittedLogisticRegression: Sendable {
    /// The inputs that entered the model (zero-variance ones removed), in coefficient order.
    public var inputNames: [String]
    /// Inputs dropped because they do not vary.
    public var droppedInputs: [String]
    public var standardizer: Standardizer
    public var coefficients: [Double]
    public var intercept: Double
    public var originalCoefficients: [Double]
    public var originalIntercept: Double
    /// On the standardized scale; the intercept's entry is last.
    public var inference: CoefficientInference?
    public var originalInference: CoefficientInference?
    public var report: TrainingReport

    /// `P(churn | x)` for raw (unstandardized) inputs `x` in `inputNames` order.
    public func churnProbability(_ x: [Double]) -> Double {
        LogisticLoss.sigmoid(linearPredictor(x))
    }

    /// The logit `b̃ + Σ β̃ⱼ·(xⱼ − meanⱼ)/stdⱼ`.
    public func linearPredictor(_ x: [Double]) -> Double {
        var z = intercept
        for j in 0..<coefficients.count {
            z += coefficients[j] * (x[j] - standardizer.means[j]) / standardizer.standardDeviations[j]
        }
        return z
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
        if let bad = labels.first(where: { $0 != 0 && $0 != 1 }) { throw TrainingError.invalidSetting("labels must be 0 or 1, found \(bad)") }
        let positives = labels.reduce(0, +)
        if positives == 0 || positives == Double(labels.count) {
            throw TrainingError.singleClass(label: labels.first ?? 0, rows: labels.count)
        }
        var diagnostics: [String] = []

        // Standardize, dropping columns that do not vary.
        let fullStandardizer = Standardizer.fit(x)
        var kept: [Int] = [], dropped: [String] = []
        for j in 0..<x.columns {
            let std = fullStandardizer.standardDeviations[j]
            if std > 1e-12 * max(1, abs(fullStandardizer.means[j])) { kept.append(j) } else { dropped.append(inputNames[j]) }
        }
        guard !kept.isEmpty else { throw TrainingError.noUsableFeatures(dropped: dropped) }
        if !dropped.isEmpty {
            diagnostics.append("dropped \(dropped.count) column(s) with zero variance (the same value in every row): \(dropped.joined(separator: ", "))")
        }
        let names = kept.map { inputNames[$0] }
        let keptMatrix = kept.count == x.columns ? x : select(x, columns: kept)
        let standardizer = settings.standardize
            ? Standardizer(means: kept.map { fullStandardizer.means[$0] }, standardDeviations: kept.map { fullStandardizer.standardDeviations[$0] })
            : Standardizer.identity(kept.count)
        if !settings.standardize {
            let stds = kept.map { fullStandardizer.standardDeviations[$0] }
            if let largest = stds.indices.max(by: { stds[$0] < stds[$1] }), let smallest = stds.indices.min(by: { stds[$0] < stds[$1] }),
               stds[largest] / stds[smallest] > 1e3 {
                diagnostics.append("features are on wildly different scales (std of \(names[largest]) is \(NumberText.fixed(stds[largest] / stds[smallest], 0))× that of \(names[smallest])) and standardization is off: the penalty hits them unequally and solvers converge slowly; standardize (the default) or rescale")
            }
        }
        let design = settings.standardize ? standardizer.transform(keptMatrix) : keptMatrix

        var weights = sampleWeights
        if let classWeights = settings.classWeight.weights(for: labels) {
            weights = weights.map { w in zip(w, classWeights).map { $0 * $1 } } ?? classWeights
        }
        if let weights { try TrainingError.checkWeights(weights, labels: labels) }
        let objective = LogisticObjective(features: design, labels: labels, sampleWeights: weights, C: settings.C,
                                          l1Ratio: settings.l1Ratio, fitIntercept: settings.fitIntercept)
        let solver = settings.solver ?? Solver.automatic(parameterCount: objective.parameterCount, hasL1: settings.l1Ratio > 0)
        if settings.l1Ratio > 0 && solver == .newton { throw TrainingError.unsupportedPenalty(solver: solver) }
        var result = solver.trainer.minimize(objective, from: [Double](repeating: 0, count: objective.parameterCount), settings: settings.solverSettings)
        result.seconds = Clock.seconds() - started

        let p = names.count
        let beta = Array(result.parameters[0..<p])
        let intercept = settings.fitIntercept ? result.parameters[p] : 0
        let original = standardizer.originalScale(coefficients: beta, intercept: intercept)

        // Inference and collinearity from the Hessian at the optimum.
        var inference: CoefficientInference? = nil, originalInference: CoefficientInference? = nil
        if objective.parameterCount <= 500 {
            var gradient: [Double] = [], hessian: [Double] = []
            _ = objective.valueGradientHessian(at: result.parameters, gradient: &gradient, hessian: &hessian)
            let q = objective.parameterCount
            if let finding = Diagnostics.collinearity(hessian: hessian, parameterCount: q, featureCount: p, l2: objective.l2Strength, names: names) {
                diagnostics.append(finding)
            }
            if settings.inference && settings.l1Ratio == 0 {
                var covariance = hessian
                if BLAS.invertSymmetricPositiveDefinite(n: q, &covariance) {
                    inference = CoefficientInference(estimates: result.parameters, covariance: covariance)
                    let originalCovariance = CoefficientInference.originalScaleCovariance(covariance, standardizer: standardizer, fitIntercept: settings.fitIntercept)
                    originalInference = CoefficientInference(estimates: original.coefficients + (settings.fitIntercept ? [original.intercept] : []),
                                                             covariance: originalCovariance)
                } else {
                    diagnostics.append("standard errors not computed: the Hessian at the optimum is singular (perfectly collinear features or separation)")
                }
            }
        }
        if settings.separationCheck, let finding = try Diagnostics.separation(coefficients: beta, names: names, design: design, labels: labels,
                                                                             weights: weights, settings: settings, converged: result.converged,
                                                                             meanLoss: (result.objective - 0.5 * objective.l2Strength * beta.reduce(0) { $0 + $1 * $1 }) / objective.gradientScale) {
            diagnostics.append(finding)
        }
        if !result.converged {
            diagnostics.append("the solver did not converge (\(result.message)); raise --max-iter, loosen --tol, or see the other findings")
        }
        let report = TrainingReport(solver: solver, stoppingRule: solver.stoppingRule, iterations: result.iterations, converged: result.converged,
                                    objective: result.objective, gradientMaxNorm: result.gradientMaxNorm, objectiveHistory: result.objectiveHistory,
                                    seconds: Clock.seconds() - started, message: result.message, rows: labels.count, positives: positives,
                                    diagnostics: diagnostics)
        return FittedLogisticRegression(inputNames: names, droppedInputs: dropped, standardizer: standardizer, coefficients: beta,
                                        intercept: intercept, originalCoefficients: original.coefficients, originalIntercept: original.intercept,
                                        inference: inference, originalInference: originalInference, report: report)
    }

    static func select(_ x: DenseMatrix, columns: [Int]) -> DenseMatrix {
        var values = [Double](repeating: 0, count: x.rows * columns.count)
        for i in 0..<x.rows { for (k, j) in columns.enumerated() { values[i * columns.count + k] = x[i, j] } }
        return DenseMatrix(rows: x.rows, columns: columns.count, values: values)
    }
}
