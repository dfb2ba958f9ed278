/// Checks that turn numerical trouble into sentences a data scientist can act on.
enum Diagnostics {
    /// Collinearity from the data part of the Hessian (the L2 term masks it): scale it to unit
    /// diagonal (a weighted correlation matrix of the inputs), and when its condition number is
    /// above 10⁶ name the inputs that load on the smallest eigenvalue's eigenvector.
    static func collinearity(hessian: [Double], parameterCount q: Int, featureCount p: Int, l2: Double, names: [String]) -> String? {
        guard p >= 2 else { return nil }
        var data = [Double](repeating: 0, count: p * p)
        for i in 0..<p { for j in 0..<p { data[i * p + j] = hessian[i * q + j] - (i == j ? l2 : 0) } }
        // With an intercept, remove its direction (a Schur complement), so a constant-ish input
        // combination shows up as collinear with the intercept too.
        if q > p, hessian[p * q + p] > 0 {
            let hbb = hessian[p * q + p]
            for i in 0..<p { for j in 0..<p { data[i * p + j] -= hessian[i * q + p] * hessian[j * q + p] / hbb } }
        }
        let diagonal = (0..<p).map { max(data[$0 * p + $0], 1e-300).squareRoot() }
        for i in 0..<p { for j in 0..<p { data[i * p + j] /= diagonal[i] * diagonal[j] } }
        guard let eigen = BLAS.symmetricEigen(n: p, data, vectors: true) else { return nil }
        let largest = eigen.values.last!, smallest = max(eigen.values.first!, 0)
        let condition = smallest > 0 ? largest / smallest : .infinity
        guard condition > 1e6 else { return nil }
        let vector = Array(eigen.vectors[0..<p])
        let involved = (0..<p).filter { abs(vector[$0]) > 0.2 }.sorted { abs(vector[$0]) > abs(vector[$1]) }.map { names[$0] }
        let conditionText = condition.isFinite ? "≈ \(NumberText.fixed(condition, 0))" : "infinite"
        // Full one-hot encodings are collinear by construction: each column's levels sum to 1.
        let oneHot = involved.contains { $0.contains("=") }
            ? " (one-hot levels of a text column always sum to 1, so this is expected for one-hot inputs; the L2 penalty keeps the fit unique)"
            : ""
        return "collinearity: the inputs \(involved.joined(separator: ", ")) are (nearly) linear combinations of each other (condition number \(conditionText)); their coefficients and standard errors are unreliable — drop one of them or keep the L2 penalty\(oneHot)"
    }

    /// Separation: the data let a coefficient grow without bound, held back only by the penalty.
    /// Run only when the fit looks suspicious (a coefficient above 3 on the standardized scale, a
    /// mean log loss below 0.1, or no convergence): refit with 100·C and name the inputs whose
    /// coefficients keep running away.
    static func separation(coefficients beta: [Double], names: [String], design: DenseMatrix, labels: [Double], weights: [Double]?,
                           settings: LogisticRegressionSettings, converged: Bool, meanLoss: Double) throws -> String? {
        guard beta.contains(where: { abs($0) > 3 }) || meanLoss < 0.1 || !converged, settings.l1Ratio == 0 else { return nil }
        // Under separation a coefficient keeps growing (about logarithmically in C); otherwise it
        // settles at the unpenalized estimate. Fit at 100·C and 10⁴·C and compare the increments.
        func refit(_ factor: Double) -> [Double] {
            let looser = LogisticObjective(features: design, labels: labels, sampleWeights: weights, C: settings.C * factor,
                                           fitIntercept: settings.fitIntercept)
            var solverSettings = settings.solverSettings
            solverSettings.progress = nil
            solverSettings.maxIterations = min(solverSettings.maxIterations, 200)
            return SolverRules.automatic(for: .logisticRegression(l1Ratio: 0), parameterCount: looser.parameterCount).trainer
                .minimize(looser, from: [Double](repeating: 0, count: looser.parameterCount), settings: solverSettings).parameters
        }
        let middle = refit(100), far = refit(10_000)
        var runaway: [String] = []
        for j in 0..<beta.count {
            let first = abs(middle[j]) - abs(beta[j]), second = abs(far[j]) - abs(middle[j])
            if abs(far[j]) > abs(beta[j]) + 2 && second > 0.5 * first && first > 0.5 {
                runaway.append("\(names[j]) (\(NumberText.fixed(beta[j], 2)) at C=\(NumberText.format(settings.C)), \(NumberText.fixed(middle[j], 2)) at 100·C, \(NumberText.fixed(far[j], 2)) at 10⁴·C)")
            }
        }
        guard !runaway.isEmpty else { return nil }
        return "separation: \(runaway.joined(separator: "; ")) — the coefficient runs away as C grows, so this input (almost) perfectly separates churners from the rest; the penalty alone fixes its size. Check it for label leakage (information from the holdout window), or keep C small"
    }
}
