import Foundation

/// A trained churn model as it travels from training to the nightly scoring job: versioned,
/// human-readable JSON, never executable.
///
/// It carries the full feature spec (so a scorer rebuilds the same vector), the standardizer, the
/// coefficients on both scales with their inference, the hyper-parameters, the training report,
/// evaluation metrics, a SHA-256 fingerprint of the training input, the ChurnKit version and the
/// creation time. Doubles are written by Swift's shortest round-tripping formatting, so a model
/// read back is bit-for-bit the model written.
public struct ChurnModel: Codable, Sendable, Equatable {
    /// The format version of logistic-regression model files this library writes.
    public static let currentFormatVersion = 1
    /// Models with learned shapes (a `terms` section); linear models keep writing version 1.
    public static let additiveFormatVersion = 2
    /// `modelType` of a logistic regression.
    public static let logisticRegressionType = "logistic_regression"
    /// A BG/NBD model (``BuyTillYouDieModel``): no coefficients, the churn probability is
    /// P(no purchase in the horizon).
    public static let bgnbdType = "bgnbd"
    /// `modelType` of an additive model (binned shape functions and interactions).
    public static let additiveType = "additive_logistic_regression"

    /// The file's format version; files newer than the library are refused.
    public var formatVersion: Int
    /// Which kind of model the file holds (`logistic_regression`, `additive_logistic_regression`).
    public var modelType: String
    /// A short stable id: the model name and the first 12 hex digits of the hash of its coefficients.
    public var modelID: String
    /// The ChurnKit version that wrote the file.
    public var churnkitVersion: String
    /// When the model was trained (ISO 8601, UTC).
    public var createdAt: String
    /// How to build the model's inputs from a transaction log or a table.
    public var featureSpec: FeatureSpec
    /// The inputs' training means and deviations.
    public var standardizer: Standardizer
    /// One coefficient per input, in input order.
    public var coefficients: [Coefficient]
    /// The intercept and its inference.
    public var intercept: Intercept
    /// The settings the model was fitted with.
    public var hyperParameters: HyperParameters
    /// How the fit went: solver, iterations, convergence.
    public var trainingReport: TrainingReport
    /// Which data it was fitted on, so a reader can tell whether a file matches.
    public var trainingData: TrainingDataFingerprint
    /// Metric name → value, filled by evaluation (cross-validated or in-sample, see `evaluation_kind`).
    public var evaluation: [String: Double]?
    /// What `evaluation` was measured on, in words; nil when the model file carries no evaluation.
    public var evaluationKind: String?
    /// Per input, the smallest and largest value (after its transform) seen in training, so a
    /// scorer can say when it extrapolates. Optional: files written before it load unchanged.
    public var inputRanges: [InputRange]?
    /// The BG/NBD (and Gamma-Gamma) fit: the whole model when `model_type` is `bgnbd`; in a
    /// logistic model, the fit on its training rows that computes its `bgnbd_*` inputs.
    /// Optional: files written before it load unchanged.
    public var bgnbd: BuyTillYouDieModel? = nil
    /// The additive terms (format version 2): shapes per input and interaction surfaces. When
    /// present they replace the coefficients: the logit is `intercept + Σ terms` (the intercept
    /// stored here equals `terms.intercept`). Absent from linear models.
    public var terms: AdditiveModel?

    /// The range an input took in training, for the extrapolation check.
    public struct InputRange: Codable, Sendable, Equatable {
        /// Smallest training value.
        public var minimum: Double
        /// Largest training value.
        public var maximum: Double
    }

    /// One input's coefficient, on both scales, with its inference when it was computed.
    public struct Coefficient: Codable, Sendable, Equatable {
        /// The input's name.
        public var input: String
        /// On the standardized scale (what was fitted and penalized).
        public var standardized: Double
        /// On the input's own scale: `standardized / std`.
        public var original: Double
        /// Standard error on the standardized scale (nil without inference, e.g. with an L1 penalty).
        public var standardError: Double?
        /// Wald z: coefficient over its standard error.
        public var zValue: Double?
        /// Two-sided p-value of the z statistic.
        public var pValue: Double?
        /// Lower end of the 95% Wald interval (standardized scale).
        public var lower95: Double?
        /// Upper end of the 95% Wald interval (standardized scale).
        public var upper95: Double?
        /// Standard error on the input's original scale; nil also when it is not a finite number
        /// (an input measured in units of 10⁻³⁰⁰, whose scale factor 1/σ² overflows).
        public var originalStandardError: Double?

        enum CodingKeys: String, CodingKey {
            case input, standardized, original, standardError = "std_error", zValue = "z", pValue = "p_value",
                 lower95 = "ci95_lower", upper95 = "ci95_upper", originalStandardError = "original_std_error"
        }
    }

    /// The intercept and, when it was fitted without an L1 penalty, its inference on the
    /// standardized scale (as ``Coefficient``'s). Files written before the intercept's z, p and
    /// interval were stored load unchanged, with them nil.
    public struct Intercept: Codable, Sendable, Equatable {
        /// The intercept on the standardized scale.
        public var standardized: Double
        /// The intercept on the inputs' original scale.
        public var original: Double
        /// Standard error (nil without inference).
        public var standardError: Double?
        /// Wald z: intercept over its standard error.
        public var zValue: Double?
        /// Two-sided p-value of the z statistic.
        public var pValue: Double?
        /// Lower end of the 95% Wald interval.
        public var lower95: Double?
        /// Upper end of the 95% Wald interval.
        public var upper95: Double?

        enum CodingKeys: String, CodingKey {
            case standardized, original, standardError = "std_error", zValue = "z", pValue = "p_value",
                 lower95 = "ci95_lower", upper95 = "ci95_upper"
        }
    }

    /// The fit's settings, in scikit-learn's words, so the fit can be repeated.
    public struct HyperParameters: Codable, Sendable, Equatable {
        /// The solver that minimized the objective.
        public var solver: Solver
        /// Inverse regularization strength.
        public var C: Double
        /// Share of the penalty that is L1 (elastic net; 0 = pure L2).
        public var l1Ratio: Double
        /// How the classes were weighted.
        public var classWeight: ClassWeight
        /// Whether an intercept was fitted.
        public var fitIntercept: Bool
        /// Whether inputs were standardized before the fit.
        public var standardize: Bool
        /// Iteration limit.
        public var maxIter: Int
        /// Stopping tolerance.
        public var tol: Double
        /// Seed of the stochastic solver and any shuffle.
        public var seed: UInt64
        /// Whether per-row sample weights were applied.
        public var usesSampleWeights: Bool

        enum CodingKeys: String, CodingKey {
            case solver, C, l1Ratio = "l1_ratio", classWeight = "class_weight", fitIntercept = "fit_intercept",
                 standardize, maxIter = "max_iter", tol, seed, usesSampleWeights = "sample_weights"
        }
    }

    /// Which data a model was fitted on.
    public struct TrainingDataFingerprint: Codable, Sendable, Equatable {
        /// The training file as given.
        public var file: String
        /// SHA-256 of its bytes (hex).
        public var sha256: String
        /// Training rows.
        public var rows: Int
        /// Churners among them.
        public var positives: Int
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", modelType = "model_type", modelID = "model_id", churnkitVersion = "churnkit_version",
             createdAt = "created_at", featureSpec = "feature_spec", standardizer, coefficients, intercept,
             hyperParameters = "hyper_parameters", trainingReport = "training_report", trainingData = "training_data",
             evaluation, evaluationKind = "evaluation_kind", inputRanges = "input_ranges", bgnbd, terms
    }

    /// The model's inputs, in coefficient order.
    public var inputs: [ModelInput] { featureSpec.inputs }

    // MARK: Applying the model

    /// The linear model's scoring kernel: the inputs' transforms, the standardizer, the
    /// standardized coefficients and intercept (``LinearPredictor``). A model without
    /// coefficients (additive, BG/NBD) gives a kernel without inputs.
    public var linearPredictor: LinearPredictor {
        LinearPredictor(transforms: coefficients.isEmpty ? [] : inputs.map(\.transform), standardizer: standardizer,
                        coefficients: coefficients.map(\.standardized), intercept: intercept.standardized)
    }

    /// The kernel this model scores with: its additive terms when it has them, else its linear predictor.
    public var scoringKernel: any ScoringKernel { terms ?? linearPredictor }

    /// Per row, the signed contribution of each input to the logit, `β̃ⱼ·(xⱼ − meanⱼ)/stdⱼ`; the
    /// logit is their sum plus the standardized intercept. Rows × inputs, row-major.
    /// For an additive model: rows × terms, each term's table entry.
    public func contributions(_ design: DenseMatrix) -> DenseMatrix {
        if let terms { return terms.contributions(design) }
        precondition(design.columns == coefficients.count, "design has \(design.columns) columns, the model \(coefficients.count)")
        return linearPredictor.contributions(design)
    }

    /// The logit of each row of a raw design matrix (inputs already transformed).
    public func linearPredictors(_ design: DenseMatrix) -> [Double] {
        if let terms { return terms.logits(design) }
        precondition(design.columns == coefficients.count, "design has \(design.columns) columns, the model \(coefficients.count)")
        return linearPredictor.logits(design)
    }

    /// `P(churn)` per row: higher is riskier.
    public func churnProbabilities(_ design: DenseMatrix) -> [Double] {
        linearPredictors(design).map(LogisticLoss.sigmoid)
    }

    /// The design matrix for this model from a feature table; refuses a table that lacks inputs.
    public func designMatrix(from table: FeatureTable, file: String) throws -> DenseMatrix {
        let table = try withBGNBDColumns(table, file: file)
        let missing = Array(Set(inputs.map(\.column)).subtracting(table.columnNames)).sorted()
        guard missing.isEmpty else { throw ModelInputMismatch(file: file, missing: missing, extra: []) }
        let design = try ModelInput.designMatrix(inputs, from: table)
        try NonFiniteValueError.check(design, customers: table.customerIDs, inputs: inputs.map(\.name), file: file)
        return design
    }
}
