/// Hyper-parameters of a logistic-regression fit, named as in scikit-learn.
public struct LogisticRegressionSettings: Sendable {
    /// nil: `SolverRules.automatic(for:parameterCount:)`; checked against the penalty by `SolverRules`.
    public var solver: Solver?
    /// Inverse regularization strength: larger C, weaker penalty.
    public var C: Double
    /// 0 = pure L2, 1 = pure L1, in between elastic net.
    public var l1Ratio: Double
    /// How the classes are weighted.
    public var classWeight: ClassWeight
    /// Whether to fit an intercept (stored last, never penalized).
    public var fitIntercept: Bool
    /// Standardize inputs inside the model (recommended; the penalty then treats features alike).
    public var standardize: Bool
    /// Iteration limit, tolerance and the solver's own knobs.
    public var solverSettings: SolverSettings
    /// Compute standard errors, z and p-values (skipped with L1 and above 500 parameters).
    public var inference: Bool
    /// Refit at 100·C when coefficients look large, to detect separation.
    public var separationCheck: Bool

    /// Settings with scikit-learn's defaults; `solver` nil lets `SolverRules` choose.
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
