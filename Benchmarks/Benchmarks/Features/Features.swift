// CSV → features on the synthetic BG/NBD logs of `generate_log.py`.
//
//   Ingest/1M, Ingest/10M      the read alone (parse, check, intern ids, on the read's threads)
//                              into a sink that only counts rows (ChurnKit's `Benchmarks` SPI)
//   Features/1M, Features/10M  `TransactionFeatureBuilder().build(path:cutoff:horizonDays:)`,
//                              the work of `churn features` without writing the table
//
// 1M is the 100k-customer log (about 1.07M rows), 10M the 1M-customer log (about 10.7M rows).
// Cut-off and horizon are the generator's: 2024-12-31 and 181 days.
import Benchmark
@_spi(Benchmarks) import ChurnKit
import Foundation

/// `Benchmarks/data/`, found from this file's place in the repository.
private let dataFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("data").path

private let cutoff = CalendarDay(year: 2024, month: 12, day: 31)!
private let horizonDays = 181

/// (benchmark size label, generator size label)
private let logs = [("1M", "100k"), ("10M", "1M")]

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .throughput],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(30),
        maxIterations: 5
    )

    for (label, generated) in logs {
        let path = "\(dataFolder)/log_\(generated).csv"
        guard FileManager.default.fileExists(atPath: path) else {
            FileHandle.standardError.write(Data("skipping Ingest/\(label) and Features/\(label): \(path) is missing (run: python3 Benchmarks/generate_log.py --sizes \(generated))\n".utf8))
            continue
        }

        Benchmark("Ingest/\(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try FeatureSource.transactionLog(path: path).readTransactionsOnly().rowsRead)
            }
        }

        Benchmark("Features/\(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                let result = try TransactionFeatureBuilder().build(path: path, cutoff: cutoff, horizonDays: horizonDays)
                blackHole(result.table.rowCount)
            }
        }
    }
}
