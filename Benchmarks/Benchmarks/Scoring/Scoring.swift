// Scoring a transaction log end to end with a saved model, the work of `churn score LOG --model M
// --output risk.csv`: features as of the log's last date, probability, decile, band, the three
// reasons per customer, value at risk, and the sorted risk list written as CSV.
//
//   Score/100k   the 100k-customer log (about 1.1M rows)
//   Score/1M     the 1M-customer log (about 10.9M rows)
//
// The model is trained once per log before the measurement (not timed), as the scoring rows of
// `Benchmarks/compare` do: cut-off 181 days before the generator's last date, 181-day horizon,
// the default inputs. The list goes to a file in a temporary folder that is removed at the end.
import Benchmark
import ChurnKit
import Foundation

/// `Benchmarks/data/`, found from this file's place in the repository.
private let dataFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("data").path

/// The generator's cut-off (2024-12-31) is also 181 days before its last date.
private let trainingCutoff = CalendarDay(year: 2024, month: 12, day: 31)!

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .throughput],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(60),
        maxIterations: 5
    )
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("churnkit-score-benchmark-\(getpid())").path

    for size in ["100k", "1M"] {
        let path = "\(dataFolder)/log_\(size).csv"
        guard FileManager.default.fileExists(atPath: path) else {
            FileHandle.standardError.write(Data("skipping Score/\(size): \(path) is missing (run: python3 Benchmarks/generate_log.py --sizes \(size))\n".utf8))
            continue
        }
        // Filled by the setup hook (run once, before warm-up, not measured), read by the closure.
        let trained = TrainedModel()
        Benchmark("Score/\(size)", closure: { benchmark in
            guard let model = trained.model else { fatalError("Score/\(size): the setup hook trained no model") }
            let source = FeatureSource.transactionLog(path: path)
            let scorer = RiskScorer(model: model)
            let output = "\(scratch)/risk_\(size).csv"
            for _ in benchmark.scaledIterations {
                let input = try scorer.input(from: source)
                let list = try scorer.rank(input, file: path, modelID: model.modelID, scoredAt: "2025-07-01T00:00:00Z")
                try list.write(to: output, format: .csv)
                blackHole(list.count)
            }
        }, setup: {
            let recipe = TrainingRecipe(source: .transactionLog(path: path), schedule: .cutoff(trainingCutoff), horizonDays: 181)
            trained.model = try recipe.fit(try recipe.loadData()).model
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        }, teardown: {
            try? FileManager.default.removeItem(atPath: scratch)
        })
    }
}

/// The model a setup hook trains for its benchmark (package-benchmark's hooks return nothing).
private final class TrainedModel: @unchecked Sendable {
    var model: ChurnModel?
}
