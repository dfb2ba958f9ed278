/// What a fit produced: the scoring kernel (standardizer, coefficients and intercept on the
/// standardized scale), the coefficients on the original scale, inference, and the training report.
public struct FittedLogisticRegression: Sendable {
    /// The inputs that entered the model (zero-variance ones removed), in coefficient order.
    public var inputNames: [String]
    /// Inputs dropped because they do not vary.
    public var droppedInputs: [String]
    /// The fitted model as the scorer applies it (inputs as given to the fit: no transforms).
    public var predictor: LinearPredictor
    /// Coefficients on the inputs' original scale (as Spark and H2O report them).
    public var originalCoefficients: [Double]
    /// The intercept on the original scale.
    public var originalIntercept: Double
    /// On the standardized scale; the intercept's entry is last.
    public var inference: CoefficientInference?
    /// Inference on the original scale; nil when it was not computed.
    public var originalInference: CoefficientInference?
    /// How the fit went: solver, iterations, convergence, the likely cause when it did not.
    public var report: TrainingReport

    /// The training means and deviations the coefficients apply after.
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
