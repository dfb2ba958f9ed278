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
guard let path = arguments.first, let file = fopen(path, "rb") else {
    FileHandle.standardError.write(Data("usage: churn-bgnbd-raw FEATURES.csv [--horizon DAYS]\n".utf8))
    exit(2)
}

let started = DispatchTime.now().uptimeNanoseconds
func seconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

/// A field as a number: whole numbers digit by digit, anything else through `Double(String)`.
@inline(__always) func number(_ bytes: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int) -> Double {
    var value = 0.0
    var k = start
    while k < end, bytes[k] >= 48, bytes[k] <= 57 {
        value = value * 10 + Double(bytes[k] - 48)
        k += 1
    }
    if k == end && end > start { return value }
    return Double(String(decoding: UnsafeBufferPointer(start: bytes + start, count: end - start), as: UTF8.self)) ?? .nan
}

// A plain numeric CSV streamed through a 4 MiB buffer: a header, then unquoted fields. Each line
// is found with memchr (vectorized in libc) and only its fields up to the last wanted column are
// scanned byte by byte; the rest of the line (here 13 of 17 columns) is skipped.
var frequency: [Double] = [], recency: [Double] = [], T: [Double] = []
do {
    let capacity = 1 << 22
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 1)   // + 1: room for a final newline
    defer { buffer.deallocate(); fclose(file) }
    var filled = 0, position = 0
    var wanted: (Int, Int, Int)? = nil
    var line = 0
    var atEnd = false
    while !atEnd {
        // Keep the unfinished line, refill behind it.
        if position > 0 {
            memmove(buffer, buffer + position, filled - position)
            filled -= position
            position = 0
        }
        let read = fread(buffer + filled, 1, capacity - filled, file)
        filled += read
        atEnd = read == 0
        if atEnd && filled > 0 && buffer[filled - 1] != 10 { buffer[filled] = 10; filled += 1 }   // a last line without a newline
        while position < filled, let newline = memchr(buffer + position, 10, filled - position) {
            let lineEnd = UnsafeMutablePointer<UInt8>(newline.assumingMemoryBound(to: UInt8.self)) - buffer
            line += 1
            if let (fx, ft, fT) = wanted {
                let last = max(fx, ft, fT)
                var column = 0, fieldStart = position, k = position
                while column <= last && k <= lineEnd {
                    if k == lineEnd || buffer[k] == 44 {
                        var end = k
                        if end > fieldStart && buffer[end - 1] == 13 { end -= 1 }
                        if column == fx { frequency.append(number(buffer, fieldStart, end)) }
                        else if column == ft { recency.append(number(buffer, fieldStart, end)) }
                        else if column == fT { T.append(number(buffer, fieldStart, end)) }
                        column += 1
                        fieldStart = k + 1
                    }
                    k += 1
                }
                if column <= last {
                    FileHandle.standardError.write(Data("\(path):\(line): fewer than \(last + 1) fields\n".utf8))
                    exit(3)
                }
            } else {
                var end = lineEnd
                if end > position && buffer[end - 1] == 13 { end -= 1 }
                let header = String(decoding: UnsafeBufferPointer(start: buffer + position, count: end - position), as: UTF8.self)
                    .split(separator: ",", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                guard let fx = header.firstIndex(of: "frequency"), let ft = header.firstIndex(of: "recency"), let fT = header.firstIndex(of: "T") else {
                    FileHandle.standardError.write(Data("\(path): needs columns frequency, recency and T\n".utf8))
                    exit(3)
                }
                wanted = (fx, ft, fT)
            }
            position = lineEnd + 1
        }
        if !atEnd && position == 0 && filled == capacity {
            FileHandle.standardError.write(Data("\(path):\(line + 1): a line longer than \(capacity) bytes\n".utf8))
            exit(3)
        }
    }
}
let readSeconds = seconds(since: started)

do {
    let fitStart = DispatchTime.now().uptimeNanoseconds
    let patterns = try PurchasePatterns(frequency: frequency, recency: recency, T: T)
    let patternSeconds = seconds(since: fitStart)
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
        "read_seconds": readSeconds, "fit_seconds": fitSeconds, "patterns_seconds": patternSeconds,
        "solver_seconds": fit.optimization.seconds, "predict_seconds": predictSeconds,
        "work_seconds": seconds(since: started),
    ]
    let json = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
} catch {
    FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
    exit(1)
}
