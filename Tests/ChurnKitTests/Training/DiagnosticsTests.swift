import Testing
@testable import ChurnKit

struct DiagnosticsTests {
    func fit(_ columns: [[Double]], names: [String], labels: [Double], settings: LogisticRegressionSettings = LogisticRegressionSettings()) throws -> FittedLogisticRegression {
        let n = labels.count
        var values: [Double] = []
        for i in 0..<n { for column in columns { values.append(column[i]) } }
        return try LogisticRegression.fit(DenseMatrix(rows: n, columns: columns.count, values: values), inputNames: names, labels: labels, settings: settings)
    }

    static let base = TrainingFixtures.problem(rows: 400, features: 2, seed: 5)
    var noise: [Double] { (0..<400).map { Self.base.x[$0, 0] } }
    var other: [Double] { (0..<400).map { Self.base.x[$0, 1] } }

    @Test func separationNamesTheFeature() throws {
        let labels = Self.base.y
        let leak = labels.enumerated().map { i, y in (y == 1 ? 1.0 : -1.0) * (1 + Double(i % 7) * 0.1) }
        let model = try fit([noise, leak], names: ["noise", "days_to_cancel"], labels: labels, settings: LogisticRegressionSettings(C: 10))
        let finding = model.report.diagnostics.first { $0.hasPrefix("separation") }
        #expect(finding != nil, "\(model.coefficients) \(model.report.objective) \(model.report.diagnostics)")
        #expect(finding?.contains("days_to_cancel") == true)
        #expect(finding?.contains("noise") == false)
    }

    @Test func collinearityNamesTheColumns() throws {
        let total = zip(noise, other).map { $0 + 2 * $1 }
        let model = try fit([noise, other, total], names: ["spend_90d", "spend_prev", "spend_180d"], labels: Self.base.y)
        let finding = model.report.diagnostics.first { $0.hasPrefix("collinearity") }
        #expect(finding != nil, "\(model.report.diagnostics)")
        for name in ["spend_90d", "spend_prev", "spend_180d"] { #expect(finding?.contains(name) == true) }
        let clean = try fit([noise, other], names: ["a", "b"], labels: Self.base.y)
        #expect(!clean.report.diagnostics.contains { $0.hasPrefix("collinearity") })
    }

    @Test func zeroVarianceColumnsAreDroppedByName() throws {
        let constant = [Double](repeating: 3, count: 400)
        let model = try fit([noise, constant, other], names: ["a", "always_three", "b"], labels: Self.base.y)
        #expect(model.inputNames == ["a", "b"])
        #expect(model.droppedInputs == ["always_three"])
        #expect(model.report.diagnostics.contains { $0.contains("always_three") && $0.contains("zero variance") })
    }

    @Test func unscaledFeaturesWarnWhenStandardizationIsOff() throws {
        let huge = noise.map { $0 * 1e5 }
        let model = try fit([huge, other], names: ["monetary_total", "frequency"], labels: Self.base.y,
                            settings: LogisticRegressionSettings(standardize: false, solverSettings: SolverSettings(maxIterations: 50)))
        #expect(model.report.diagnostics.contains { $0.contains("wildly different scales") && $0.contains("monetary_total") })
    }

    @Test func singleClassIsAClearError() {
        #expect(throws: TrainingError.singleClass(label: 1, rows: 400)) {
            try fit([noise], names: ["a"], labels: [Double](repeating: 1, count: 400))
        }
    }

    @Test func newtonRefusesL1() {
        #expect(throws: TrainingError.unsupportedPenalty(solver: .newton)) {
            try fit([noise], names: ["a"], labels: Self.base.y, settings: LogisticRegressionSettings(solver: .newton, l1Ratio: 1))
        }
    }
}
