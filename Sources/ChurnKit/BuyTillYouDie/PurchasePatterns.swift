/// Customers' `(frequency x, recency tₓ, age T)` compressed into distinct patterns with weights.
///
/// The BG/NBD likelihood of a customer depends on nothing but `(x, tₓ, T)`, so customers with the
/// same triple contribute identical terms: fitting on the distinct patterns, each weighted by its
/// number of customers, is exact (Fader and Hardie fit the CDNOW data this way) and is what makes
/// large fits fast — with day-resolution data a million customers have far fewer patterns. The
/// pattern values are themselves indices into the sorted distinct values of each column, so the
/// terms that depend on one column only (`log Γ(r + x)`, `log(α + T)`, …) are computed once per
/// distinct value and not once per pattern.
public struct PurchasePatterns: Sendable {
    /// Sorted distinct frequencies `x`.
    var frequencies: [Double]
    /// Sorted distinct recencies `tₓ`.
    var recencies: [Double]
    /// Sorted distinct ages `T`.
    var ages: [Double]
    /// Per pattern: index into `frequencies`.
    var frequencyIndex: [Int32]
    /// Per pattern: index into `recencies`.
    var recencyIndex: [Int32]
    /// Per pattern: index into `ages`.
    var ageIndex: [Int32]
    /// Per pattern: the total weight of its customers.
    var weights: [Double]
    /// Per customer (input row): its pattern.
    var patternOfCustomer: [Int32]

    /// Distinct patterns.
    public var patternCount: Int { weights.count }
    /// Customers (input rows) grouped.
    public var customerCount: Int { patternOfCustomer.count }
    /// Total weight of all patterns (the number of customers when unweighted).
    public var totalWeight: Double { weights.reduce(0, +) }

    /// Every `stride`-th pattern (0, stride, 2·stride, …) with its weight, over the same distinct
    /// values (so the same time scale); no customers map to it. A systematic sample of the
    /// (x, tₓ, T)-sorted patterns covers every frequency band in proportion.
    func systematicSample(every stride: Int) -> PurchasePatterns {
        precondition(stride >= 1, "stride \(stride) < 1")
        var sample = self
        let kept = Swift.stride(from: 0, to: patternCount, by: stride)
        sample.frequencyIndex = kept.map { frequencyIndex[$0] }
        sample.recencyIndex = kept.map { recencyIndex[$0] }
        sample.ageIndex = kept.map { ageIndex[$0] }
        sample.weights = kept.map { weights[$0] }
        sample.patternOfCustomer = []
        return sample
    }

    /// The pattern's `(x, tₓ, T)`.
    public func pattern(_ k: Int) -> (frequency: Double, recency: Double, T: Double) {
        (frequencies[Int(frequencyIndex[k])], recencies[Int(recencyIndex[k])], ages[Int(ageIndex[k])])
    }

    /// Checks and compresses the customers. `weights` (optional, ≥ 0) counts customers per row,
    /// as lifetimes' `weights`. Throws for lifetimes' invalid inputs: a negative, non-finite or
    /// non-integer frequency, recency outside `[0, T]`, a non-zero recency with zero frequency,
    /// a negative or non-finite `T` or weight.
    public init(frequency: [Double], recency: [Double], T: [Double], weights: [Double]? = nil) throws {
        try Self.validate(frequency: frequency, recency: recency, T: T, weights: weights)
        let (xs, xRank) = Self.ranks(frequency)
        let (ts, tRank) = Self.ranks(recency)
        let (ages, ageRank) = Self.ranks(T)
        frequencies = xs
        recencies = ts
        self.ages = ages
        let bits = [xs.count, ts.count, ages.count].map { count in max(1, Int.bitWidth - (count - 1).leadingZeroBitCount) }
        let grouping = bits.reduce(0, +) <= 64
            ? Self.groupByKey(xRank, tRank, ageRank, bits: bits, weights: weights)
            : Self.groupBySorting(xRank, tRank, ageRank, weights: weights)
        self.frequencyIndex = grouping.frequencyIndex
        self.recencyIndex = grouping.recencyIndex
        self.ageIndex = grouping.ageIndex
        self.weights = grouping.weights
        self.patternOfCustomer = grouping.patternOfCustomer
    }

    /// The patterns in (x, tₓ, T) rank order: each one's three ranks and weight, and every row's pattern.
    struct Grouping {
        var frequencyIndex: [Int32] = [], recencyIndex: [Int32] = [], ageIndex: [Int32] = []
        var weights: [Double] = []
        var patternOfCustomer: [Int32]
    }

    /// lifetimes' input checks, with the row of the first bad customer.
    static func validate(frequency: [Double], recency: [Double], T: [Double], weights: [Double]?) throws {
        let n = frequency.count
        guard recency.count == n, T.count == n, weights.map({ $0.count == n }) ?? true else {
            throw BuyTillYouDieError.lengthMismatch("frequency has \(n) rows, recency \(recency.count), T \(T.count)\(weights.map { ", weights \($0.count)" } ?? "")")
        }
        guard n > 0 else { throw BuyTillYouDieError.noData("no customers") }
        for i in 0..<n {
            let x = frequency[i], t = recency[i], age = T[i]
            func fail(_ reason: String) -> BuyTillYouDieError { .invalidCustomer(row: i, reason: reason) }
            guard x.isFinite, x >= 0, x == x.rounded() else { throw fail("frequency \(x) is not a whole number ≥ 0") }
            guard age.isFinite, age >= 0 else { throw fail("T \(age) is not a finite number ≥ 0") }
            guard t.isFinite, t >= 0, t <= age else { throw fail("recency \(t) is not in [0, T = \(age)]") }
            guard x > 0 || t == 0 else { throw fail("recency \(t) is not 0 although frequency is 0") }
            if let w = weights?[i] { guard w.isFinite, w >= 0 else { throw fail("weight \(w) is not a finite number ≥ 0") } }
        }
    }

    /// The three ranks packed into one 64-bit key per row (`bits` per rank); sorted distinct keys are the patterns.
    static func groupByKey(_ xRank: [Int32], _ tRank: [Int32], _ ageRank: [Int32], bits: [Int], weights: [Double]?) -> Grouping {
        let n = xRank.count
        let (tShift, xShift) = (UInt64(bits[2]), UInt64(bits[2] + bits[1]))
        var keys = [UInt64](repeating: 0, count: n)
        for i in 0..<n { keys[i] = UInt64(xRank[i]) << xShift | UInt64(tRank[i]) << tShift | UInt64(ageRank[i]) }
        let indexBits = max(1, Int.bitWidth - (n - 1).leadingZeroBitCount)
        var grouping = Grouping(patternOfCustomer: [Int32](repeating: 0, count: n))
        let distinct = bits.reduce(0, +) + indexBits <= 64
            ? distinctKeysWithRows(keys, indexBits: indexBits, weights: weights, into: &grouping)
            : distinctKeysBySearch(keys, weights: weights, into: &grouping)
        let ageMask = (UInt64(1) << tShift) - 1, recencyMask = (UInt64(1) << (xShift - tShift)) - 1
        grouping.frequencyIndex = distinct.map { Int32(truncatingIfNeeded: $0 >> xShift) }
        grouping.recencyIndex = distinct.map { Int32(truncatingIfNeeded: ($0 >> tShift) & recencyMask) }
        grouping.ageIndex = distinct.map { Int32(truncatingIfNeeded: $0 & ageMask) }
        return grouping
    }

    /// Key and row in one word: one sort gives the patterns and every row's pattern. The rows are
    /// packed in increasing order, so a stable sort on the key bits alone (LSD radix) sorts the words.
    static func distinctKeysWithRows(_ keys: [UInt64], indexBits: Int, weights: [Double]?, into grouping: inout Grouping) -> [UInt64] {
        var packed = keys
        var keyBits = 0
        for i in 0..<keys.count {
            packed[i] = packed[i] << UInt64(indexBits) | UInt64(i)
            keyBits = max(keyBits, UInt64.bitWidth - keys[i].leadingZeroBitCount)
        }
        radixSort(&packed, from: indexBits, to: indexBits + keyBits)
        let rowMask = (UInt64(1) << UInt64(indexBits)) - 1
        var distinct: [UInt64] = []
        for word in packed {
            let key = word >> UInt64(indexBits), i = Int(word & rowMask)
            if distinct.last != key {
                distinct.append(key)
                grouping.weights.append(0)
            }
            grouping.patternOfCustomer[i] = Int32(distinct.count - 1)
            grouping.weights[distinct.count - 1] += weights?[i] ?? 1
        }
        return distinct
    }

    /// Sorts `words` stably by their bits `[low, high)` (least significant digit first, 11-bit
    /// digits: three passes over 1M words for a 27-bit key, where a comparison sort needs ~20).
    static func radixSort(_ words: inout [UInt64], from low: Int, to high: Int) {
        guard words.count > 1, high > low else { return }
        let digitBits = 11, buckets = 1 << digitBits
        var scratch = [UInt64](repeating: 0, count: words.count)
        var counts = [Int](repeating: 0, count: buckets)
        var shift = low
        while shift < high {
            let bits = min(digitBits, high - shift), mask = UInt64((1 << bits) - 1), s = UInt64(shift)
            words.withUnsafeBufferPointer { source in
            scratch.withUnsafeMutableBufferPointer { target in
            counts.withUnsafeMutableBufferPointer { count in
                for b in 0..<buckets { count[b] = 0 }
                for word in source { count[Int((word >> s) & mask)] += 1 }
                var start = 0
                for b in 0..<(1 << bits) {
                    let c = count[b]
                    count[b] = start
                    start += c
                }
                for word in source {
                    let b = Int((word >> s) & mask)
                    target[count[b]] = word
                    count[b] += 1
                }
            }}}
            swap(&words, &scratch)
            shift += bits
        }
    }

    /// Sorted distinct keys, then each row's pattern by binary search.
    static func distinctKeysBySearch(_ keys: [UInt64], weights: [Double]?, into grouping: inout Grouping) -> [UInt64] {
        var distinct = keys
        distinct.sort()
        var unique = 0
        for key in distinct where unique == 0 || distinct[unique - 1] != key {
            distinct[unique] = key
            unique += 1
        }
        distinct.removeLast(distinct.count - unique)
        grouping.weights = [Double](repeating: 0, count: unique)
        for i in 0..<keys.count {
            var low = 0, high = unique - 1
            let key = keys[i]
            while low < high {
                let middle = (low + high) >> 1
                if distinct[middle] < key { low = middle + 1 } else { high = middle }
            }
            grouping.patternOfCustomer[i] = Int32(low)
            grouping.weights[low] += weights?[i] ?? 1
        }
        return distinct
    }

    /// More distinct values than 64 bits can index: sort the rows by their rank triples.
    static func groupBySorting(_ xRank: [Int32], _ tRank: [Int32], _ ageRank: [Int32], weights: [Double]?) -> Grouping {
        let n = xRank.count
        var grouping = Grouping(patternOfCustomer: [Int32](repeating: 0, count: n))
        let order = (0..<n).sorted { a, b in
            (xRank[a], tRank[a], ageRank[a]) < (xRank[b], tRank[b], ageRank[b])
        }
        for i in order {
            let isNew = grouping.frequencyIndex.isEmpty || grouping.frequencyIndex.last! != xRank[i]
                || grouping.recencyIndex.last! != tRank[i] || grouping.ageIndex.last! != ageRank[i]
            if isNew {
                grouping.frequencyIndex.append(xRank[i])
                grouping.recencyIndex.append(tRank[i])
                grouping.ageIndex.append(ageRank[i])
                grouping.weights.append(0)
            }
            grouping.weights[grouping.weights.count - 1] += weights?[i] ?? 1
            grouping.patternOfCustomer[i] = Int32(grouping.weights.count - 1)
        }
        return grouping
    }

    /// The sorted distinct values of a column and each row's index into them. Whole numbers in
    /// `[0, 2²⁴)` (day counts) go through a direct table in one pass; anything else is sorted.
    static func ranks(_ values: [Double]) -> (distinct: [Double], rank: [Int32]) {
        var maximum = 0.0
        var allSmallWholes = true
        for v in values {
            if !(v >= 0 && v < 16_777_216 && v == v.rounded(.towardZero)) { allSmallWholes = false; break }
            maximum = max(maximum, v)
        }
        if allSmallWholes {
            var slot = [Int32](repeating: -1, count: Int(maximum) + 1)
            for v in values { slot[Int(v)] = 0 }
            var distinct: [Double] = []
            for k in 0..<slot.count where slot[k] == 0 {
                slot[k] = Int32(distinct.count)
                distinct.append(Double(k))
            }
            return (distinct, values.map { slot[Int($0)] })
        }
        var distinct = values.sorted()
        var unique = 0
        for v in distinct where unique == 0 || distinct[unique - 1] != v {
            distinct[unique] = v
            unique += 1
        }
        distinct.removeLast(distinct.count - unique)
        let rank = values.map { v -> Int32 in
            var low = 0, high = unique - 1
            while low < high {
                let middle = (low + high) >> 1
                if distinct[middle] < v { low = middle + 1 } else { high = middle }
            }
            return Int32(low)
        }
        return (distinct, rank)
    }
}
