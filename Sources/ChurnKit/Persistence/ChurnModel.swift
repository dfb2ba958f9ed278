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
    public static let currentFormatVersion = 1
    /// Models with learned shapes (a `terms` section); linear models keep writing version 1.
    public static let additiveFormatVersion = 2
    public static let logisticRegressionType = "logistic_regression"
    /// A BG/NBD model (``BuyTillYouDieModel``): no coefficients, the churn probability is
    /// P(no purchase in the horizon).
    public static let bgnbdType = "bgnbd"
    public static let additiveType = "additive_logistic_regression"

    public var formatVersion: Int
    public var modelType: String
    /// A short stable id: the model name and the first 12 hex digits of the hash of its coefficients.
    public var modelID: String
    public var churnkitVersion: String
    public var createdAt: String
    public var featureSpec: FeatureSpec
    public var standardizer: Standardizer
    public var coefficients: [Coefficient]
    public var intercept: Intercept
    public var hyperParameters: HyperParameters
    public var trainingReport: TrainingReport
    public var trainingData: TrainingDataFingerprint
    /// Metric name → value, filled by evaluation (cross-validated or in-sample, see `evaluation_kind`).
    public var evaluation: [String: Double]?
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

    public struct InputRange: Codable, Sendable, Equatable {
        public var minimum: Double
        public var maximum: Double
    }

    public struct Coefficient: Codable, Sendable, Equatable {
        public var input: String
        /// On the standardized scale (what was fitted and penalized).
        public var standardized: Double
        /// On the input's own scale: `standardized / std`.
        public var original: Double
        public var standardError: Double?
        public var zValue: Double?
        public var pValue: Double?
        public var lower95: Double?
        public var upper95: Double?
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
        public var standardized: Double
        public var original: Double
        public var standardError: Double?
        public var zValue: Double?
        public var pValue: Double?
        public var lower95: Double?
        public var upper95: Double?

        enum CodingKeys: String, CodingKey {
            case standardized, original, standardError = "std_error", zValue = "z", pValue = "p_value",
                 lower95 = "ci95_lower", upper95 = "ci95_upper"
        }
    }

    public struct HyperParameters: Codable, Sendable, Equatable {
        public var solver: Solver
        public var C: Double
        public var l1Ratio: Double
        public var classWeight: ClassWeight
        public var fitIntercept: Bool
        public var standardize: Bool
        public var maxIter: Int
        public var tol: Double
        public var seed: UInt64
        public var usesSampleWeights: Bool

        enum CodingKeys: String, CodingKey {
            case solver, C, l1Ratio = "l1_ratio", classWeight = "class_weight", fitIntercept = "fit_intercept",
                 standardize, maxIter = "max_iter", tol, seed, usesSampleWeights = "sample_weights"
        }
    }

    public struct TrainingDataFingerprint: Codable, Sendable, Equatable {
        public var file: String
        public var sha256: String
        public var rows: Int
        public var positives: Int
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", modelType = "model_type", modelID = "model_id", churnkitVersion = "churnkit_version",
             createdAt = "created_at", featureSpec = "feature_spec", standardizer, coefficients, intercept,
             hyperParameters = "hyper_parameters", trainingReport = "training_report", trainingData = "training_data",
             evaluation, evaluationKind = "evaluation_kind", inputRanges = "input_ranges", bgnbd, terms
    }

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
