import Foundation

extension ChurnModel {
    /// `table` with the `bgnbd_*` columns a logistic model's inputs use, computed with its stored
    /// BG/NBD fit; the table itself for every other model.
    func withBGNBDColumns(_ table: FeatureTable, file: String) throws -> FeatureTable {
        guard let bgnbd, modelType != Self.bgnbdType,
              inputs.contains(where: { BuyTillYouDieModel.columns.contains($0.column) }),
              !BuyTillYouDieModel.columns.allSatisfy(table.columnNames.contains) else { return table }
        return try bgnbd.addingColumns(to: table)
    }

    /// `P(churn)` per row of a feature table, whatever the model kind.
    public func churnProbabilities(table: FeatureTable, file: String) throws -> [Double] {
        if modelType == Self.bgnbdType, let bgnbd {
            return try bgnbd.predictions(for: table).probabilityNoPurchase
        }
        return churnProbabilities(try designMatrix(from: table, file: file))
    }

    /// A `bgnbd` model file value from a fit on transaction training data.
    public static func bgnbd(_ part: BuyTillYouDieModel, fit: BGNBDFit, data: TrainingData, rows: Int, positives: Int,
                             sourceFile: String, modelName: String) -> ChurnModel {
        let result = fit.optimization
        let report = TrainingReport(solver: result.solver, stoppingRule: "max |gradient| of the mean negative log-likelihood in log parameters ≤ 1e-10",
                                    iterations: result.iterations, converged: result.converged, objective: result.objective,
                                    gradientMaxNorm: result.gradientMaxNorm, objectiveHistory: result.objectiveHistory, seconds: result.seconds,
                                    message: result.message, rows: rows, positives: Double(positives),
                                    diagnostics: result.converged ? [] : ["the BG/NBD fit did not converge: \(result.message)"])
        let spec = FeatureSpec(inputKind: .transactions, transactions: data.transactions, table: nil, inputs: [], droppedInputs: [])
        var model = ChurnModel(
            formatVersion: currentFormatVersion, modelType: bgnbdType, modelID: "", churnkitVersion: ChurnKitVersion.current,
            createdAt: ISO8601DateFormatter().string(from: Date()), featureSpec: spec,
            standardizer: Standardizer(means: [], standardDeviations: []), coefficients: [],
            intercept: .init(standardized: 0, original: 0, standardError: nil),
            hyperParameters: .init(solver: result.solver, C: 0, l1Ratio: 0, classWeight: .none, fitIntercept: false, standardize: false,
                                   maxIter: 2000, tol: 1e-10, seed: 0, usesSampleWeights: false),
            trainingReport: report,
            trainingData: .init(file: (sourceFile as NSString).lastPathComponent, sha256: data.sha256, rows: rows, positives: positives),
            evaluation: nil, evaluationKind: nil, inputRanges: nil, bgnbd: part)
        let p = part.parameters
        let identity = "bgnbd;\(p.r);\(p.alpha);\(p.a);\(p.b);\(part.gammaGamma.map { "\($0.p);\($0.q);\($0.v)" } ?? "")"
        model.modelID = "\(modelName)-" + String(ContentDigest.hex(of: Array(identity.utf8)).prefix(12))
        return model
    }
}
