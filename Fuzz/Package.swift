// swift-tools-version:6.0
// libFuzzer targets for ChurnKit's input parsers (run with `make fuzz` from the repository root).
// A separate package so fuzzing never reaches a user's build: it is compiled with
// `-sanitize=fuzzer,address -parse-as-library -enable-testing` into its own `.build-fuzz`.
import PackageDescription

let fuzzTargets = ["FuzzCSV", "FuzzDate", "FuzzAmount", "FuzzModel", "FuzzTableEncoding", "FuzzTransactionLog"]

let package = Package(
    name: "ChurnKitFuzz",
    products: fuzzTargets.map { .executable(name: $0, targets: [$0]) },
    dependencies: [.package(name: "ChurnKit", path: "..")],
    targets: [.target(name: "CFuzzerDriver")] + fuzzTargets.map {
        .executableTarget(name: $0, dependencies: ["CFuzzerDriver", .product(name: "ChurnKit", package: "ChurnKit")])
    }
)
