// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ChurnKit",
    products: [
        .library(name: "ChurnKit", targets: ["ChurnKit"]),
        .executable(name: "churn", targets: ["churn"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: System libraries
        .systemLibrary(
            name: "COpenBLAS",
            path: "Sources/COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // zlib, for gzip-compressed logs (Ingestion/GzipDecoder.swift).
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // MARK: Library
        // The dependency direction, checked by the compiler: churn → ChurnCLI → ChurnKit →
        // ChurnLinearAlgebra → COpenBLAS. Only ChurnLinearAlgebra sees the C BLAS/LAPACK API;
        // ChurnKit's folders are layered too, checked by scripts/check-layers.py (`make test`).
        .target(
            name: "ChurnLinearAlgebra",
            dependencies: ["COpenBLAS"]
        ),
        .target(
            name: "ChurnKit",
            dependencies: ["ChurnLinearAlgebra", "CZlib", .product(name: "Crypto", package: "swift-crypto")]
        ),

        // MARK: Command line
        .target(
            name: "ChurnCLI",
            dependencies: [
                "ChurnKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "churn", dependencies: ["ChurnCLI"]),

        // MARK: Examples (built and run by ExampleTests; not products)
        .executableTarget(name: "GettingStartedExample", dependencies: ["ChurnKit"], path: "Examples/GettingStarted"),

        // MARK: Tests
        .testTarget(
            name: "ChurnLinearAlgebraTests",
            dependencies: ["ChurnLinearAlgebra"]
        ),
        .testTarget(
            name: "ChurnKitTests",
            dependencies: ["ChurnKit"]
        ),
        .testTarget(
            name: "ChurnCLITests",
            dependencies: ["ChurnCLI", "ChurnKit"]
        ),
        .testTarget(name: "ExampleTests", dependencies: ["ChurnKit"]),
    ]
)
