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
guard let path = arguments.first, case let file = open(path, O_RDONLY), file >= 0 else {
    FileHandle.standardError.write(Data("usage: churn-bgnbd-raw FEATURES.csv [--horizon DAYS]\n".utf8))
    exit(2)
}

let started = DispatchTime.now().uptimeNanoseconds
func seconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

struct Columns {
    var frequency: [Double] = [], recency: [Double] = [], T: [Double] = []
}

/// Where each thread puts its half.
struct ColumnsPointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Columns>
}

/// Reading the feature CSV: static, so that the two reading threads may call it.
enum FeatureCSV {
    /// A field as a number: whole numbers digit by digit, anything else through `Double(String)`.
    @inline(__always) static func number(_ bytes: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int) -> Double {
        var value = 0.0
        var k = start
        while k < end, bytes[k] >= 48, bytes[k] <= 57 {
            value = value * 10 + Double(bytes[k] - 48)
            k += 1
        }
        if k == end && end > start { return value }
        return Double(String(decoding: UnsafeBufferPointer(start: bytes + start, count: end - start), as: UTF8.self)) ?? .nan
    }

    static func fail(_ path: String, _ message: String) -> Never {
        FileHandle.standardError.write(Data("\(path): \(message)\n".utf8))
        exit(3)
    }

    /// The three wanted columns of the lines that start in `[from, to)` of the file (both line
    /// starts), read with pread through a 4 MiB buffer. Each line is found with memchr (vectorized in
    /// libc) and only its fields up to the last wanted column are scanned byte by byte; the rest of the
    /// line (here 13 of 17 columns) is skipped.
    static func readColumns(_ file: Int32, _ path: String, from: Int, to: Int, wanted: (Int, Int, Int)) -> Columns {
        var frequency: [Double] = [], recency: [Double] = [], T: [Double] = []
        let capacity = 1 << 22
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 1)   // + 1: room for a final newline
        defer { buffer.deallocate() }
        let (fx, ft, fT) = wanted
        let last = max(fx, ft, fT)
        var offset = from, filled = 0, position = 0
        while offset < to || position < filled {
            // Keep the unfinished line, refill behind it.
            if position > 0 {
                memmove(buffer, buffer + position, filled - position)
                filled -= position
                position = 0
            }
            let read = offset < to ? pread(file, buffer + filled, min(capacity - filled, to - offset), off_t(offset)) : 0
            guard read >= 0 else { FeatureCSV.fail(path, "cannot read at byte \(offset)") }
            offset += read
            filled += read
            let atEnd = offset >= to || read == 0
            if atEnd && filled > 0 && buffer[filled - 1] != 10 { buffer[filled] = 10; filled += 1 }   // a last line without a newline
            while position < filled, let newline = memchr(buffer + position, 10, filled - position) {
                let lineEnd = newline.assumingMemoryBound(to: UInt8.self) - buffer
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
                if column <= last { FeatureCSV.fail(path, "a line near byte \(offset - filled + position) has fewer than \(last + 1) fields") }
                position = lineEnd + 1
            }
            if atEnd { break }
            if position == 0 && filled == capacity { FeatureCSV.fail(path, "a line longer than \(capacity) bytes near byte \(offset)") }
        }
        return Columns(frequency: frequency, recency: recency, T: T)
    }

    /// The offset of the first line that starts at or after `offset` (the file size when none does).
    static func lineStart(_ file: Int32, atOrAfter offset: Int, size: Int) -> Int {
        var position = offset
        var byte: UInt8 = 0
        if position > 0 && pread(file, &byte, 1, off_t(position - 1)) == 1 && byte == 10 { return position }
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while position < size {
            let read = block.withUnsafeMutableBytes { pread(file, $0.baseAddress, $0.count, off_t(position)) }
            guard read > 0 else { break }
            if let i = block[0..<read].firstIndex(of: 10) { return position + i + 1 }
            position += read
        }
        return size
    }
}

// A plain numeric CSV: a header, then unquoted fields. The lines after the header are read in two
// halves on two threads (split at a line start), then put back together in file order.
var frequency: [Double] = [], recency: [Double] = [], T: [Double] = []
do {
    var status = stat()
    guard fstat(file, &status) == 0 else { FeatureCSV.fail(path, "cannot stat") }
    let size = Int(status.st_size)
    let bodyStart = FeatureCSV.lineStart(file, atOrAfter: 0, size: size)
    var headerBytes = [UInt8](repeating: 0, count: max(0, bodyStart))
    guard headerBytes.withUnsafeMutableBytes({ pread(file, $0.baseAddress, $0.count, 0) }) == bodyStart else { FeatureCSV.fail(path, "cannot read the header") }
    let header = String(decoding: headerBytes, as: UTF8.self).trimmingCharacters(in: .newlines)
        .split(separator: ",", omittingEmptySubsequences: false)
        .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
    guard let fx = header.firstIndex(of: "frequency"), let ft = header.firstIndex(of: "recency"), let fT = header.firstIndex(of: "T") else {
        FeatureCSV.fail(path, "needs columns frequency, recency and T")
    }
    let middle = FeatureCSV.lineStart(file, atOrAfter: bodyStart + (size - bodyStart) / 2, size: size)
    var halves = [Columns(), Columns()]
    let (fd, name) = (file, path)
    halves.withUnsafeMutableBufferPointer { buffer in
        let out = ColumnsPointer(pointer: buffer.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: 2) { h in
            out.pointer[h] = FeatureCSV.readColumns(fd, name, from: h == 0 ? bodyStart : middle, to: h == 0 ? middle : size, wanted: (fx, ft, fT))
        }
    }
    frequency = halves[0].frequency + halves[1].frequency
    recency = halves[0].recency + halves[1].recency
    T = halves[0].T + halves[1].T
    close(file)
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
