// swift-tools-version:6.1
// ChurnKit's micro-benchmarks (ordo-one/package-benchmark), kept in their own package as
// swift-nio does, so that the benchmark dependencies never reach a user's build. The root
// package ignores this folder: SwiftPM does not descend into a folder with its own Package.swift.
//
//   cd Benchmarks && swift package benchmark                    # all benchmarks
//   cd Benchmarks && swift package benchmark --filter 'Features/.*'
//
// The data come from `python3 generate_log.py` (Benchmarks/data/, git-ignored); a benchmark whose
// file is missing is not registered and says so. Peer comparisons: `Benchmarks/compare`.
import PackageDescription

let package = Package(
    name: "ChurnKitBenchmarks",
    dependencies: [
        // `name:` pins the identity: a path dependency is otherwise named after its folder, which
        // differs between clones and worktrees.
        .package(name: "ChurnKit", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The dense problems of generate_dense.py and a pass-counting objective.
        .target(name: "RawProblems", dependencies: [.product(name: "ChurnKit", package: "ChurnKit")]),
        // `churn-fit-raw data/dense_1Mx32`: ChurnKit's side of the training rows of `compare`.
        .executableTarget(name: "churn-fit-raw", dependencies: [
            "RawProblems", .product(name: "ChurnKit", package: "ChurnKit"),
        ]),
        // `churn-bgnbd-raw data/features_1M.csv`: ChurnKit's side of the bgnbd rows of `compare`.
        .executableTarget(name: "churn-bgnbd-raw", dependencies: [.product(name: "ChurnKit", package: "ChurnKit")]),
    ]
)

// MARK: Benchmarks (one executable per stage; names are `Stage/Size`)

/// A benchmark target in `Benchmarks/NAME/`.
func benchmarkTarget(_ name: String, dependencies extra: [Target.Dependency] = []) -> Target {
    .executableTarget(
        name: name,
        dependencies: extra + [
            .product(name: "ChurnKit", package: "ChurnKit"),
            .product(name: "Benchmark", package: "benchmark"),
        ],
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

package.targets += [
    benchmarkTarget("Features"),     // Ingest/…, Features/… : CSV → features
    benchmarkTarget("Training", dependencies: ["RawProblems"]),  // Objective/1Mx8, …, Train/Newton/1Mx32, Train/LBFGS/1Mx32
    benchmarkTarget("Scoring"),      // Score/100k, Score/1M : a log → the written risk list
]
