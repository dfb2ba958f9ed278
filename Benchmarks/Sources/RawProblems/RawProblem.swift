// The dense problems of `generate_dense.py` (raw float64 files) and an objective wrapper that
// counts passes over X, shared by `churn-fit-raw` and the `Training` benchmarks.
import ChurnKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `Benchmarks/data/`, found from this file's place in the repository.
public let benchmarkDataFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("data").path

/// One problem: X (rows × cols, row-major) and y (0/1), as written by `generate_dense.py`.
public struct RawProblem {
    public let features: DenseMatrix
    public let labels: [Double]

    /// `stem` is the path without the suffixes, e.g. `Benchmarks/data/dense_1Mx32`; the shape
    /// comes from the sizes of the two files (y has one value per row).
    public init(stem: String) throws {
        let labels = try Self.readDoubles("\(stem).y.f64")
        let values = try Self.readDoubles("\(stem).X.f64")
        guard !labels.isEmpty, values.count % labels.count == 0 else {
            throw RawProblemError("\(stem): \(values.count) values in X do not fill \(labels.count) rows")
        }
        features = DenseMatrix(rows: labels.count, columns: values.count / labels.count, values: values)
        self.labels = labels
    }

    /// The path of problem `shape` (`1Mx32`) in `Benchmarks/data/`, or nil when it was not generated.
    public static func stem(_ shape: String) -> String? {
        let stem = "\(benchmarkDataFolder)/dense_\(shape)"
        return FileManager.default.fileExists(atPath: "\(stem).X.f64") ? stem : nil
    }

    /// The whole file as native-endian doubles, read straight into the array's storage.
    static func readDoubles(_ path: String) throws -> [Double] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw RawProblemError("cannot open \(path)") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size % 8 == 0 else { throw RawProblemError("\(path): size is not a multiple of 8") }
        let count = Int(info.st_size) / 8
        return try [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            let raw = UnsafeMutableRawPointer(buffer.baseAddress!)
            var done = 0
            while done < count * 8 {
                let got = read(descriptor, raw + done, count * 8 - done)
                guard got > 0 else { throw RawProblemError("\(path): short read at byte \(done)") }
                done += got
            }
            initialized = count
        }
    }
}

public struct RawProblemError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Forwards to another objective and counts the passes over X its callers asked for: every
/// evaluation of ``LogisticObjective`` (value, gradient, Hessian or Hessian-vector) reads X once.
public final class CountingObjective: Objective {
    public let base: Objective
    /// Evaluations of any kind, i.e. passes over X.
    public private(set) var passes = 0
    /// Of which Hessian evaluations (each also computes XᵀDX: compute-bound, not only reading).
    public private(set) var hessianPasses = 0

    public init(_ base: Objective) { self.base = base }

    public var parameterCount: Int { base.parameterCount }
    public var sampleCount: Int { base.sampleCount }
    public var gradientScale: Double { base.gradientScale }
    public var l1Weights: [Double]? { base.l1Weights }

    public func value(at theta: [Double]) -> Double {
        passes += 1
        return base.value(at: theta)
    }

    public func valueAndGradient(at theta: [Double], gradient: inout [Double]) -> Double {
        passes += 1
        return base.valueAndGradient(at: theta, gradient: &gradient)
    }

    public func valueGradientHessian(at theta: [Double], gradient: inout [Double], hessian: inout [Double]) -> Double {
        passes += 1
        hessianPasses += 1
        return base.valueGradientHessian(at: theta, gradient: &gradient, hessian: &hessian)
    }

    public func valueGradientStepHessian(at theta: [Double], gradient: inout [Double], hessian: inout [Double]) -> Double {
        passes += 1
        hessianPasses += 1
        return base.valueGradientStepHessian(at: theta, gradient: &gradient, hessian: &hessian)
    }

    public func hessianVectorProduct(at theta: [Double], _ v: [Double], result: inout [Double]) {
        passes += 1
        base.hessianVectorProduct(at: theta, v, result: &result)
    }

    public func stochasticGradient(at theta: [Double], rows: ArraySlice<Int>, gradient: inout [Double]) {
        base.stochasticGradient(at: theta, rows: rows, gradient: &gradient)
    }
}
