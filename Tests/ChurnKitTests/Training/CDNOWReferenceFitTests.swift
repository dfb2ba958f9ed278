import Testing
@testable import ChurnKit

/// The CDNOW four-feature model against scikit-learn and an exact Newton solve
/// (Benchmarks/reference/cdnow_logistic.py → output/cdnow_logistic.json).
struct CDNOWReferenceFitTests {
    nonisolated(unsafe) static let reference = try! ReferenceOutput.load("cdnow_logistic.json")

    func section(_ path: String...) -> [String: Any] {
        var node: Any = Self.reference
        for key in path { node = (node as! [String: Any])[key]! }
        return node as! [String: Any]
    }

    func fit(_ settings: LogisticRegressionSettings) throws -> FittedLogisticRegression {
        let result = try TransactionFeatureBuilder().build(path: TestFiles.cdnow, cutoff: CalendarDay(parsing: "1997-09-30"), horizonDays: 273)
        let inputs = TransactionFeature.lifetimesColumns.map { ModelInput(column: $0.name) }
        let design = try ModelInput.designMatrix(inputs, from: result.table)
        return try LogisticRegression.fit(design, inputNames: inputs.map(\.name), labels: result.table.labels!, settings: settings)
    }

    /// −0.5642657549, −0.7037876784, 0.1389615304, −0.08132204049, intercept 0.9654405243 to 10
    /// significant digits, for every smooth solver.
    @Test(arguments: [Solver.newton, .lbfgs, .gd])
    func goldenCoefficients(solver: Solver) throws {
        let model = try fit(LogisticRegressionSettings(solver: solver, solverSettings: SolverSettings(maxIterations: 20000, tolerance: 1e-12)))
        let golden = [-0.5642657549, -0.7037876784, 0.1389615304, -0.08132204049]
        for j in 0..<4 { #expect(isClose(model.coefficients[j], golden[j], absolute: 0, relative: 5e-10), "\(solver) β\(j) = \(model.coefficients[j])") }
        #expect(isClose(model.intercept, 0.9654405243, absolute: 0, relative: 5e-10))
        let exact = section("l2_C1")
        #expect(isClose(model.report.objective, ReferenceOutput.number(exact["objective"]!)!, absolute: 0, relative: 1e-12))
        let original = section("l2_C1", "original_scale")
        let originalCoefficients = ReferenceOutput.numbers(original["coefficients_list"])
        for j in 0..<4 { #expect(isClose(model.originalCoefficients[j], originalCoefficients[j], absolute: 0, relative: 1e-8)) }
        #expect(isClose(model.originalIntercept, ReferenceOutput.number(original["intercept"]!)!, absolute: 0, relative: 1e-8))
        #expect(model.report.converged)
    }

    @Test func sgdReachesTheOptimumWithinOnePartPerMillion() throws {
        let model = try fit(LogisticRegressionSettings(solver: .sgd, solverSettings: SolverSettings(maxIterations: 300, tolerance: 1e-10, seed: 1)))
        let optimum = ReferenceOutput.number(section("l2_C1")["objective"]!)!
        #expect(isClose(model.report.objective, optimum, absolute: 0, relative: 1e-6), "\(model.report.objective) vs \(optimum): \(model.report.message)")
    }

    /// Standard errors, z, p and intervals from the inverse penalized Hessian, both scales.
    @Test func inferenceMatchesReference() throws {
        let model = try fit(LogisticRegressionSettings(solverSettings: SolverSettings(tolerance: 1e-12)))
        for scale in ["standardized", "original_scale"] {
            let expected = section("l2_C1", "inference", scale)
            let inference = scale == "standardized" ? model.inference! : model.originalInference!
            // The reference orders intercept first; ChurnKit stores it last.
            func reorder(_ values: [Double]) -> [Double] { Array(values[1...]) + [values[0]] }
            let columns: [(String, [Double])] = [("std_error", inference.standardErrors), ("z", inference.zValues),
                                                 ("ci95_lower", inference.lower95), ("ci95_upper", inference.upper95)]
            for (key, actual) in columns {
                let wanted = reorder(ReferenceOutput.numbers(expected[key]))
                for k in 0..<5 { #expect(isClose(actual[k], wanted[k], absolute: 1e-12, relative: 1e-8), "\(scale) \(key)[\(k)]") }
            }
            let p = reorder(ReferenceOutput.numbers(expected["p_value"]))
            for k in 0..<5 { #expect(isClose(inference.pValues[k], p[k], absolute: 1e-300, relative: 1e-6), "\(scale) p[\(k)]") }
        }
    }

    @Test func balancedClassWeights() throws {
        let model = try fit(LogisticRegressionSettings(classWeight: .balanced, solverSettings: SolverSettings(tolerance: 1e-12)))
        let expected = section("class_weight_balanced_C1", "newton")
        let coefficients = ReferenceOutput.numbers(expected["coefficients_list"])
        for j in 0..<4 { #expect(isClose(model.coefficients[j], coefficients[j], absolute: 0, relative: 1e-9)) }
        #expect(isClose(model.report.objective, ReferenceOutput.number(expected["objective"]!)!, absolute: 0, relative: 1e-12))
    }

    /// L1 and elastic net: the same exact zeros and objective as the reference's KKT-checked solve.
    /// (At C = 0.001 the objective is so flat that 1e-9 in F allows 1e-5 in β.)
    @Test(arguments: [("l1", 1.0), ("elastic_net", 0.5)])
    func sparseFits(key: String, l1Ratio: Double) throws {
        let expected = section(key, "exact")
        let coefficients = ReferenceOutput.numbers(expected["coefficients_list"])
        for solver in [Solver.owlqn, .gd] {
            let model = try fit(LogisticRegressionSettings(solver: solver, C: 0.001, l1Ratio: l1Ratio,
                                                           solverSettings: SolverSettings(maxIterations: 20_000, tolerance: 1e-10)))
            #expect(isClose(model.report.objective, ReferenceOutput.number(expected["objective"]!)!, absolute: 0, relative: 1e-9), "\(solver)")
            for j in 0..<4 {
                if coefficients[j] == 0 { #expect(model.coefficients[j] == 0, "\(solver) β\(j) should be exactly 0") }
                else { #expect(isClose(model.coefficients[j], coefficients[j], absolute: 2e-5), "\(solver) β\(j)") }
            }
            #expect(model.inference == nil)
        }
    }
}
