#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How one model input is cut into bins for an additive term: quantile cut points learned on the
/// training rows, with a dedicated bin for missing values.
///
/// Bin 0 holds missing values (NaN); bin `k ≥ 1` holds `edges[k−2] < x ≤ edges[k−1]` (the first
/// bin everything `≤ edges[0]`, the last everything `> edges.last`). Values tied at a quantile all
/// land in the same bin, so a column with few distinct values (a 0/1 indicator, a one-hot level,
/// a count) gets one bin per value. A category never seen in training is encoded by the table
/// encoding as all-zero indicators and so falls in the "0" bin of each of its level columns.
public struct InputBinning: Codable, Sendable, Equatable {
    /// Increasing cut points.
    public var edges: [Double]
    /// Every training value was a whole number: ranges read `121–150` instead of `(120, 150]`.
    public var integerValued: Bool

    enum CodingKeys: String, CodingKey { case edges, integerValued = "integer_valued" }

    /// A binning from its cut points (sorted, strictly increasing) and whether the input takes whole numbers only.
    public init(edges: [Double], integerValued: Bool) {
        self.edges = edges
        self.integerValued = integerValued
    }

    /// Bins including the missing bin: `edges.count + 2`.
    public var binCount: Int { edges.count + 2 }

    /// The bin of `x`: 0 for NaN, else 1 + the number of edges below `x` (binary search).
    @inline(__always)
    public func bin(_ x: Double) -> Int {
        edges.withUnsafeBufferPointer { Self.bin(x, edges: $0) }
    }

    /// The bin of `x` among `edges` (the hot loop of binning a column: no bounds checks, and a
    /// search whose steps compile to conditional moves rather than branches).
    @inline(__always)
    static func bin(_ x: Double, edges: UnsafeBufferPointer<Double>) -> Int {
        if x.isNaN { return 0 }
        var low = 0, length = edges.count
        while length > 0 {
            let half = length >> 1
            let below = edges[low + half] < x
            low = below ? low + half + 1 : low
            length = below ? length - half - 1 : half
        }
        return low + 1
    }

    /// Learns at most `maxBins` non-missing bins from `values` (NaN ignored): cut points at the
    /// quantiles `k/maxBins`, merged where ties make two equal.
    public static func fit(_ values: [Double], maxBins: Int) -> InputBinning {
        fit(sorted: values.withUnsafeBufferPointer(DoubleRadixSort.sortedIgnoringNaN), maxBins: maxBins)
    }

    /// ``fit(_:maxBins:)`` from the non-missing values already sorted ascending.
    static func fit(sorted: [Double], maxBins: Int) -> InputBinning {
        precondition(maxBins >= 2, "at least 2 bins, got \(maxBins)")
        let integerValued = sorted.allSatisfy { $0 == $0.rounded() && abs($0) < 1e15 }
        guard let first = sorted.first, let last = sorted.last, first < last else {
            return InputBinning(edges: [], integerValued: integerValued)
        }
        // Distinct values; when few, one bin each.
        var distinct: [Double] = []
        for v in sorted where distinct.last != v {
            distinct.append(v)
            if distinct.count > maxBins { break }
        }
        if distinct.count <= maxBins {
            return InputBinning(edges: Array(distinct.dropLast()), integerValued: integerValued)
        }
        let n = sorted.count
        var edges: [Double] = []
        for k in 1..<maxBins {
            let index = max(0, (k * n + maxBins - 1) / maxBins - 1)
            let edge = sorted[index]
            if edge < last, edges.last.map({ edge > $0 }) ?? true { edges.append(edge) }
        }
        return InputBinning(edges: edges, integerValued: integerValued)
    }

    /// At most `maxBins` non-missing bins whose cut points are a subset of these, chosen so the
    /// coarse bins hold about equal training rows (`rows`: rows per bin of this binning). Every
    /// coarse bin is then a union of whole fine bins, which lets purification move an interaction's
    /// mass into the main effect exactly.
    public func coarsened(rows: [Double], maxBins: Int) -> (binning: InputBinning, fineToCoarse: [Int]) {
        precondition(rows.count == binCount, "\(rows.count) row counts for \(binCount) bins")
        var map = [Int](repeating: 0, count: binCount)
        guard edges.count + 1 > maxBins else {
            for k in 0..<binCount { map[k] = k }
            return (self, map)
        }
        let total = rows[1...].reduce(0, +)
        var kept: [Double] = []
        var cumulative = 0.0
        var target = 1
        for k in 1..<(binCount - 1) {
            cumulative += rows[k]
            if cumulative >= Double(target) * total / Double(maxBins) && kept.count < maxBins - 1 {
                kept.append(edges[k - 1])
                while Double(target) * total / Double(maxBins) <= cumulative { target += 1 }
            }
        }
        let coarse = InputBinning(edges: kept, integerValued: integerValued)
        for k in 1..<binCount {
            // A representative value of fine bin k: its upper edge, or just above the last edge.
            let value = k - 1 < edges.count ? edges[k - 1] : (edges.last.map { $0.nextUp } ?? 0)
            map[k] = coarse.bin(value)
        }
        return (coarse, map)
    }

    /// The range of bin `k` in words a person reads: `missing`, `≤ 3`, `121–150`, `(0.25, 0.5]`, `> 300`.
    public func rangeText(_ k: Int) -> String {
        if k == 0 { return "missing" }
        if edges.isEmpty { return "any" }
        let lower: Double? = k >= 2 ? edges[k - 2] : nil
        let upper: Double? = k - 1 < edges.count ? edges[k - 1] : nil
        func show(_ v: Double) -> String { Self.short(v) }
        if integerValued {
            // Whole values: (a, b] is a+1 … b.
            let low = lower.map { $0.rounded(.down) + 1 }
            let high = upper.map { $0.rounded(.down) }
            switch (low, high) {
            case let (nil, h?): return "≤ \(show(h))"
            case let (l?, nil): return "≥ \(show(l))"
            case let (l?, h?): return l == h ? show(l) : "\(show(l))–\(show(h))"
            default: return "any"
            }
        }
        switch (lower, upper) {
        case let (nil, u?): return "≤ \(show(u))"
        case let (l?, nil): return "> \(show(l))"
        case let (l?, u?): return "(\(show(l)), \(show(u))]"
        default: return "any"
        }
    }

    /// About four significant digits, trailing zeros dropped: `0.2531`, `1250`, `87.5`; beyond
    /// that range in scientific notation, `9.496e+299`, `1.5e-300`, so an edge near 10⁻³⁰⁰ does not
    /// read `0` and one near 10³⁰⁰ does not print sixteen digits.
    static func short(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return NumberText.format(v) }
        if abs(v) >= 1e15 || abs(v) < 1e-4 { return scientific(v) }
        let magnitude = abs(v) > 0 ? Int(log10(abs(v)).rounded(.down)) : 0
        return trimmed(NumberText.fixed(v, max(0, min(12, 3 - magnitude))))
    }

    /// `v` with a four-digit mantissa: Swift's shortest form `9.496294930407904e+299`, its mantissa rounded.
    static func scientific(_ v: Double) -> String {
        let text = v.description
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), let mantissa = Double(text[..<e]) else { return trimmed(text) }
        return trimmed(NumberText.fixed(mantissa, 3)) + text[e...]
    }

    /// Trailing zeros after a decimal point dropped, and the point with them.
    static func trimmed(_ number: String) -> String {
        var text = number
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
