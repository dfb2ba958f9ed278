// Logistic-regression training on the dense problems of `generate_dense.py`.
//
//   Objective/1Mx8, Objective/1Mx32   one valueAndGradient pass (one read of X) at a fixed θ
//   Train/Newton/1Mx32                Newton from zero to tol 1e-8 (C = 1, L2, intercept)
//   Train/LBFGS/1Mx32                 L-BFGS, same problem
//
// A pass over 1M × 32 doubles reads 256 MB: about 19 ms at 13.6 GB/s, the bound the objective
// should approach. Full comparison with scikit-learn: `Benchmarks/compare --sections training`.
import Benchmark
import ChurnKit
import Foundation
import RawProblems

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(20),
        maxIterations: 20
    )

    var problems: [String: RawProblem] = [:]
    func problem(_ shape: String) -> RawProblem? {
        if let loaded = problems[shape] { return loaded }
        guard let stem = RawProblem.stem(shape) else {
            FileHandle.standardError.write(Data("skipping the \(shape) benchmarks: run python3 Benchmarks/generate_dense.py --shapes \(shape)\n".utf8))
            return nil
        }
        let loaded = try! RawProblem(stem: stem)
        problems[shape] = loaded
        return loaded
    }

    for shape in ["1Mx8", "1Mx32"] {
        guard let data = problem(shape) else { continue }
        let objective = LogisticObjective(features: data.features, labels: data.labels, C: 1)
        let theta = (0..<objective.parameterCount).map { 0.01 * Double($0 % 7) - 0.03 }
        Benchmark("Objective/\(shape)") { benchmark in
            var gradient = [Double](repeating: 0, count: objective.parameterCount)
            for _ in benchmark.scaledIterations {
                blackHole(objective.valueAndGradient(at: theta, gradient: &gradient))
            }
        }
    }

    if let data = problem("1Mx32") {
        for (label, solver) in [("Newton", Solver.newton), ("LBFGS", Solver.lbfgs)] {
            Benchmark("Train/\(label)/1Mx32", configuration: .init(maxIterations: 5)) { benchmark in
                for _ in benchmark.scaledIterations {
                    let objective = LogisticObjective(features: data.features, labels: data.labels, C: 1)
                    let result = solver.trainer.minimize(objective, from: [Double](repeating: 0, count: objective.parameterCount),
                                                         settings: SolverSettings(maxIterations: 1000, tolerance: 1e-8))
                    blackHole(result.objective)
                }
            }
        }
    }
}
