/// Sorts doubles by an LSD radix sort on order-preserving 64-bit keys.
///
/// Quantile binning sorts every input column of the training rows: at a million rows and 16
/// inputs, the standard library's comparison sort was a quarter of the additive fit. A radix
/// sort reads and writes each value once per 11-bit digit (six passes, fewer when a digit is the
/// same for every value, as the top bits of non-negative data are), with no comparisons.
enum DoubleRadixSort {
    /// Below this many values the comparison sort is faster than six counting passes.
    static let minimumCount = 2048

    /// The non-NaN `values`, sorted ascending (−0 and +0 keep the order of their keys, −0 first;
    /// they compare equal, so the order agrees with `<`).
    static func sortedIgnoringNaN(_ values: UnsafeBufferPointer<Double>) -> [Double] {
        var kept = [UInt64]()
        kept.reserveCapacity(values.count)
        for v in values where !v.isNaN { kept.append(key(v)) }
        let n = kept.count
        guard n >= minimumCount else {
            var small = kept.map(value)
            small.sort()
            return small
        }
        var scratch = [UInt64](repeating: 0, count: n)
        let digitBits = 11, buckets = 1 << digitBits
        var counts = [Int](repeating: 0, count: buckets)
        var inKept = true
        kept.withUnsafeMutableBufferPointer { a in
            scratch.withUnsafeMutableBufferPointer { b in
                counts.withUnsafeMutableBufferPointer { count in
                    var source = a, target = b
                    var shift = 0
                    while shift < 64 {
                        count.update(repeating: 0)
                        let mask = UInt64(buckets - 1)
                        for k in 0..<n { count[Int((source[k] >> UInt64(shift)) & mask)] += 1 }
                        // Every key has this digit: the pass would not move anything.
                        if count[Int((source[0] >> UInt64(shift)) & mask)] == n { shift += digitBits; continue }
                        var total = 0
                        for d in 0..<buckets { let c = count[d]; count[d] = total; total += c }
                        for k in 0..<n {
                            let key = source[k]
                            let d = Int((key >> UInt64(shift)) & mask)
                            target[count[d]] = key
                            count[d] += 1
                        }
                        swap(&source, &target)
                        inKept.toggle()
                        shift += digitBits
                    }
                }
            }
        }
        let sortedKeys = inKept ? kept : scratch
        return sortedKeys.map(value)
    }

    /// Unsigned order equals the doubles' order: negative numbers have every bit flipped (so a
    /// larger magnitude sorts first), non-negative ones only the sign bit.
    @inline(__always)
    static func key(_ v: Double) -> UInt64 {
        let bits = v.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    @inline(__always)
    static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
    }
}
