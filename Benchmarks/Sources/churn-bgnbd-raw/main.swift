// ChurnKit's side of the `bgnbd` rows of Benchmarks/compare: reads a feature CSV (the columns
// frequency, recency and T, found by name, as `churn features` writes them), fits BG/NBD and
// computes every customer's P(alive), expected purchases and P(no purchase) over the horizon,
// then prints one JSON line (parameters, log-likelihood, sums of the predictions, times).
//
//   churn-bgnbd-raw Benchmarks/data/features_1M.csv --horizon 181
//
// The whole process is measured by the harness (read, fit, predict), as the lifetimes side is.
import ChurnKit
import Foundation

nonisolated(unsafe) var arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, _ fallback: String) -> String {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return fallback }
    defer { arguments.removeSubrange(i...(i + 1)) }
    return arguments[i + 1]
}
let horizon = Double(option("--horizon", "181"))!
guard let path = arguments.first, let data = FileManager.default.contents(atPath: path) else {
    FileHandle.standardError.write(Data("usage: churn-bgnbd-raw FEATURES.csv [--horizon DAYS]\n".utf8))
    exit(2)
}

let started = DispatchTime.now().uptimeNanoseconds
func seconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

// A plain numeric CSV: a header, then unquoted numbers (the customer id may be any text).
var frequency: [Double] = [], recency: [Double] = [], T: [Double] = []
data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
    let bytes = raw.bindMemory(to: UInt8.self)
    var position = 0
    var header: [String] = []
    var field = ""
    while position < bytes.count && bytes[position] != 10 {
        let b = bytes[position]
        if b == UInt8(ascii: ",") { header.append(field); field = "" } else if b != 13 { field.append(Character(UnicodeScalar(b))) }
        position += 1
    }
    header.append(field)
    position += 1
    let names = header.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
    guard let fx = names.firstIndex(of: "frequency"), let ft = names.firstIndex(of: "recency"), let fT = names.firstIndex(of: "T") else {
        FileHandle.standardError.write(Data("\(path): needs columns frequency, recency and T\n".utf8))
        exit(3)
    }
    let estimate = bytes.count / 64
    frequency.reserveCapacity(estimate); recency.reserveCapacity(estimate); T.reserveCapacity(estimate)
    var column = 0
    var start = position
    while position <= bytes.count {
        let end = position == bytes.count
        let b: UInt8 = end ? 10 : bytes[position]
        if b == UInt8(ascii: ",") || b == 10 {
            if column == fx || column == ft || column == fT {
                var value = 0.0
                if let parsed = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)) { value = parsed }
                if column == fx { frequency.append(value) } else if column == ft { recency.append(value) } else { T.append(value) }
            }
            column = b == 10 ? 0 : column + 1
            start = position + 1
            if end { break }
            if b == 10 && position + 1 == bytes.count { break }
        }
        position += 1
    }
}
let readSeconds = seconds(since: started)

do {
    let fitStart = DispatchTime.now().uptimeNanoseconds
    let patterns = try PurchasePatterns(frequency: frequency, recency: recency, T: T)
    let fit = try BGNBDFitter().fit(patterns)
    let fitSeconds = seconds(since: fitStart)
    let predictStart = DispatchTime.now().uptimeNanoseconds
    let predictions = BGNBDPredictions(parameters: fit.parameters, patterns: patterns, horizonDays: horizon)
    let predictSeconds = seconds(since: predictStart)
    let p = fit.parameters
    let line: [String: Any] = [
        "customers": frequency.count, "patterns": patterns.patternCount,
        "params": ["r": p.r, "alpha": p.alpha, "a": p.a, "b": p.b],
        "log_likelihood": fit.logLikelihood, "converged": fit.optimization.converged, "iterations": fit.optimization.iterations,
        "sum_p_alive": predictions.probabilityAlive.reduce(0, +),
        "sum_expected_purchases": predictions.expectedPurchases.reduce(0, +),
        "sum_p_no_purchase": predictions.probabilityNoPurchase.reduce(0, +),
        "read_seconds": readSeconds, "fit_seconds": fitSeconds, "predict_seconds": predictSeconds,
        "work_seconds": seconds(since: started),
    ]
    let json = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
} catch {
    FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
    exit(1)
}
