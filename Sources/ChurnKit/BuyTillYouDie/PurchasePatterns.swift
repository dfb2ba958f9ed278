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
    /// Sorted distinct frequencies, recencies and ages.
    public var frequencies: [Double]
    public var recencies: [Double]
    public var ages: [Double]
    /// Per pattern: indices into the three lists above.
    public var frequencyIndex: [Int32]
    public var recencyIndex: [Int32]
    public var ageIndex: [Int32]
    /// Per pattern: the total weight of its customers.
    public var weights: [Double]
    /// Per customer (input row): its pattern.
    public var patternOfCustomer: [Int32]

    public var patternCount: Int { weights.count }
    public var customerCount: Int { patternOfCustomer.count }
    public var totalWeight: Double { weights.reduce(0, +) }

    /// The pattern's `(x, tₓ, T)`.
    public func pattern(_ k: Int) -> (frequency: Double, recency: Double, T: Double) {
        (frequencies[Int(frequencyIndex[k])], recencies[Int(recencyIndex[k])], ages[Int(ageIndex[k])])
    }

    /// Checks and compresses the customers. `weights` (optional, ≥ 0) counts customers per row,
    /// as lifetimes' `weights`. Throws for lifetimes' invalid inputs: a negative, non-finite or
    /// non-integer frequency, recency outside `[0, T]`, a non-zero recency with zero frequency,
    /// a negative or non-finite `T` or weight.
    public init(frequency: [Double], recency: [Double], T: [Double], weights: [Double]? = nil) throws {
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
        let (xs, xRank) = Self.ranks(frequency)
        let (ts, tRank) = Self.ranks(recency)
        let (ages, ageRank) = Self.ranks(T)
        frequencies = xs
        recencies = ts
        self.ages = ages
        let bits = [xs.count, ts.count, ages.count].map { count in max(1, Int.bitWidth - (count - 1).leadingZeroBitCount) }
        var frequencyIndex: [Int32] = [], recencyIndex: [Int32] = [], ageIndex: [Int32] = [], patternWeights: [Double] = []
        var patternOfCustomer = [Int32](repeating: 0, count: n)
        if bits.reduce(0, +) <= 64 {
            // Pack the three ranks into one key (sorted keys = patterns in (x, tₓ, T) order).
            let (tShift, xShift) = (UInt64(bits[2]), UInt64(bits[2] + bits[1]))
            var keys = [UInt64](repeating: 0, count: n)
            for i in 0..<n { keys[i] = UInt64(xRank[i]) << xShift | UInt64(tRank[i]) << tShift | UInt64(ageRank[i]) }
            var distinct: [UInt64] = []
            let indexBits = max(1, Int.bitWidth - (n - 1).leadingZeroBitCount)
            if bits.reduce(0, +) + indexBits <= 64 {
                // Key and row in one word: one sort gives the patterns and every row's pattern.
                var packed = keys
                for i in 0..<n { packed[i] = packed[i] << UInt64(indexBits) | UInt64(i) }
                keys = []
                packed.sort()
                let rowMask = (UInt64(1) << UInt64(indexBits)) - 1
                for word in packed {
                    let key = word >> UInt64(indexBits), i = Int(word & rowMask)
                    if distinct.last != key {
                        distinct.append(key)
                        patternWeights.append(0)
                    }
                    patternOfCustomer[i] = Int32(distinct.count - 1)
                    patternWeights[distinct.count - 1] += weights?[i] ?? 1
                }
            } else {
                distinct = keys
                distinct.sort()
                var unique = 0
                for key in distinct where unique == 0 || distinct[unique - 1] != key {
                    distinct[unique] = key
                    unique += 1
                }
                distinct.removeLast(distinct.count - unique)
                patternWeights = [Double](repeating: 0, count: unique)
                for i in 0..<n {
                    var low = 0, high = unique - 1
                    let key = keys[i]
                    while low < high {
                        let middle = (low + high) >> 1
                        if distinct[middle] < key { low = middle + 1 } else { high = middle }
                    }
                    patternOfCustomer[i] = Int32(low)
                    patternWeights[low] += weights?[i] ?? 1
                }
            }
            let ageMask = (UInt64(1) << tShift) - 1, recencyMask = (UInt64(1) << (xShift - tShift)) - 1
            frequencyIndex = distinct.map { Int32(truncatingIfNeeded: $0 >> xShift) }
            recencyIndex = distinct.map { Int32(truncatingIfNeeded: ($0 >> tShift) & recencyMask) }
            ageIndex = distinct.map { Int32(truncatingIfNeeded: $0 & ageMask) }
        } else {
            // More distinct values than 64 bits can index: sort the rows by their rank triples.
            let order = (0..<n).sorted { a, b in
                (xRank[a], tRank[a], ageRank[a]) < (xRank[b], tRank[b], ageRank[b])
            }
            for i in order {
                let isNew = frequencyIndex.isEmpty || frequencyIndex.last! != xRank[i] || recencyIndex.last! != tRank[i] || ageIndex.last! != ageRank[i]
                if isNew {
                    frequencyIndex.append(xRank[i])
                    recencyIndex.append(tRank[i])
                    ageIndex.append(ageRank[i])
                    patternWeights.append(0)
                }
                patternWeights[patternWeights.count - 1] += weights?[i] ?? 1
                patternOfCustomer[i] = Int32(patternWeights.count - 1)
            }
        }
        self.frequencyIndex = frequencyIndex
        self.recencyIndex = recencyIndex
        self.ageIndex = ageIndex
        self.weights = patternWeights
        self.patternOfCustomer = patternOfCustomer
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
