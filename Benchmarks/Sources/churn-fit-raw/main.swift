// Fits L2 logistic regression (C = 1, intercept) on a raw problem of `generate_dense.py` with
// ChurnKit's trainers and prints one JSON line per solver, for the training rows of
// Benchmarks/compare:
//
//   churn-fit-raw Benchmarks/data/dense_1Mx32 [--solvers newton,lbfgs] [--tol 1e-8] [--max-iter 1000]
//   churn-fit-raw Benchmarks/data/dense_1Mx32 --time-passes 15   # median ms of each kind of pass
//   churn-fit-raw Benchmarks/data/dense_1Mx32 --step-hessian-rows 50000   # Newton's Hessian sample size
//
// "seconds" times `minimize` alone (the file is read before the clock starts, as the
// scikit-learn side times `fit` alone); "passes" counts evaluations, each one read of X.
import ChurnKit
import Foundation
import RawProblems

nonisolated(unsafe) var arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, _ fallback: String) -> String {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return fallback }
    defer { arguments.removeSubrange(i...(i + 1)) }
    return arguments[i + 1]
}
let passRounds = Int(option("--time-passes", "0"))!
let solverNames = option("--solvers", "newton,lbfgs").split(separator: ",").map(String.init)
let tolerance = Double(option("--tol", "1e-8"))!
let maxIterations = Int(option("--max-iter", "1000"))!
let stepHessianRows = Int(option("--step-hessian-rows", String(LogisticObjective.defaultStepHessianRows)))!
guard let stem = arguments.first else {
    FileHandle.standardError.write(Data("usage: churn-fit-raw DATA/dense_SHAPE [--solvers newton,lbfgs] [--tol 1e-8] [--max-iter 1000] [--step-hessian-rows N]\n".utf8))
    exit(2)
}

do {
    let loadStart = Date()
    let problem = try RawProblem(stem: stem)
    let loadSeconds = Date().timeIntervalSince(loadStart)
    if passRounds > 0 {
        // One pass of each kind in turn, `passRounds` times: the medians show what a Newton
        // iteration costs (gradient pass vs exact and float32 Hessian passes), robust to a busy machine.
        let objective = LogisticObjective(features: problem.features, labels: problem.labels, C: 1, stepHessianRows: stepHessianRows)
        let theta = (0..<objective.parameterCount).map { 0.01 * Double($0 % 7) }
        var gradient: [Double] = [], hessian: [Double] = []
        var times: [String: [Double]] = [:]
        func time(_ name: String, _ body: () -> Void) {
            let started = DispatchTime.now().uptimeNanoseconds
            body()
            times[name, default: []].append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
        }
        for _ in 0..<passRounds {
            time("gradient") { _ = objective.valueAndGradient(at: theta, gradient: &gradient) }
            time("hessian_float64") { _ = objective.valueGradientHessian(at: theta, gradient: &gradient, hessian: &hessian) }
            time("hessian_step") { _ = objective.valueGradientStepHessian(at: theta, gradient: &gradient, hessian: &hessian) }
        }
        let medians = times.mapValues { $0.sorted()[$0.count / 2] }
        let json = try JSONSerialization.data(withJSONObject: ["median_ms": medians, "rounds": passRounds], options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
        exit(0)
    }
    for name in solverNames {
        guard let solver = Solver(rawValue: name) else { throw RawProblemError("unknown solver \(name)") }
        let started = DispatchTime.now().uptimeNanoseconds
        let objective = CountingObjective(LogisticObjective(features: problem.features, labels: problem.labels, C: 1,
                                                            stepHessianRows: stepHessianRows))
        let start = [Double](repeating: 0, count: objective.parameterCount)
        let result = solver.trainer.minimize(objective, from: start,
                                             settings: SolverSettings(maxIterations: maxIterations, tolerance: tolerance))
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let p = problem.features.columns
        let line: [String: Any] = [
            "solver": name, "rows": problem.features.rows, "cols": p, "seconds": seconds, "load_seconds": loadSeconds,
            "iterations": result.iterations, "converged": result.converged, "objective": result.objective,
            "gradient_max": result.gradientMaxNorm, "passes": objective.passes, "hessian_passes": objective.hessianPasses,
            "coef": Array(result.parameters[0..<p]), "intercept": result.parameters[p], "message": result.message,
        ]
        let json = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }
} catch {
    FileHandle.standardError.write(Data("churn-fit-raw: \(error)\n".utf8))
    exit(1)
}
