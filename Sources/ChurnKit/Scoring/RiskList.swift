/// Scored customers ranked for outreach: highest churn probability first, equal probabilities by
/// customer id (``CustomerIDOrder``), so two runs on the same input give the same order.
///
/// Ranks are 1-based; the row at 0-based rank index `k` has rank `k + 1`. Deciles and bands are
/// functions of the rank (see ``RiskDecile`` and ``RiskBands``).
///
/// Storage is a structure of arrays in scoring order (ids, probabilities, expected spend) plus the
/// rank order as indices into them: no object per customer, and the ids are the feature table's,
/// not copies. Reasons come either stored (``init(scored:modelID:scoredAt:bands:)``) or computed
/// on demand for the rows that are shown or written (``RiskScorer/rank(_:file:modelID:scoredAt:bands:)``),
/// which at a million customers saves a heap array per customer and most of the work.
public struct RiskList: Sendable {
    /// Where the reasons of a scored position come from.
    enum Reasons: Sendable {
        case stored([[ScoreReason]])
        case computed(@Sendable (Int) -> [ScoreReason])
    }

    /// Rank index → scoring position.
    let order: [Int]
    /// By scoring position.
    let customerIDs: [String]
    let probabilities: [Double]
    let logits: [Double]
    /// Scoring position → feature-table row; nil when they are the same.
    let tableRows: [Int]?
    let expectedSpend: [Double]?
    let reasonSource: Reasons

    /// The model file's id, written into every row.
    public var modelID: String
    /// ISO-8601 UTC time of the run, written into every row.
    public var scoredAt: String
    /// How rows are put into bands (``band(at:)``).
    public var bands: RiskBands

    /// Ranks `scored` (any order).
    public init(scored: [ScoredCustomer], modelID: String, scoredAt: String, bands: RiskBands = .defaultProbability) {
        let spend = scored.map(\.expectedSpend)
        self.init(customerIDs: scored.map(\.customerID), probabilities: scored.map(\.churnProbability), logits: scored.map(\.logit),
                  tableRows: scored.map(\.row), expectedSpend: spend.contains(where: { $0 != nil }) ? spend.map { $0 ?? .nan } : nil,
                  reasons: .stored(scored.map(\.reasons)), modelID: modelID, scoredAt: scoredAt, bands: bands)
    }

    /// `expectedSpend` NaN: no value for that customer.
    init(customerIDs: [String], probabilities: [Double], logits: [Double], tableRows: [Int]?, expectedSpend: [Double]?,
         reasons: Reasons, modelID: String, scoredAt: String, bands: RiskBands) {
        precondition(probabilities.count == customerIDs.count && logits.count == customerIDs.count,
                     "\(probabilities.count) probabilities and \(logits.count) logits for \(customerIDs.count) customers")
        for (i, p) in probabilities.enumerated() { precondition(!p.isNaN, "customer \(customerIDs[i]) has a NaN probability") }
        self.order = RiskList.rankOrder(probabilities: probabilities, customerIDs: customerIDs)
        self.customerIDs = customerIDs
        self.probabilities = probabilities
        self.logits = logits
        self.tableRows = tableRows
        self.expectedSpend = expectedSpend
        self.reasonSource = reasons
        self.modelID = modelID
        self.scoredAt = scoredAt
        self.bands = bands
    }

    /// Positions sorted by probability descending, then ``CustomerIDOrder``.
    ///
    /// The sort moves 16-byte keys (probability, position) so a comparison reads no other array;
    /// equal probabilities compare a precomputed numeric key for ids of digits only (the value
    /// when it fits in 63 bits) and fall back to ``CustomerIDOrder/precedes(_:_:)`` for the rest
    /// and for equal numbers (`007` and `7`), so the order is exactly ``CustomerIDOrder``'s.
    static func rankOrder(probabilities: [Double], customerIDs: [String]) -> [Int] {
        let numeric = customerIDs.map(CustomerIDOrder.numericKey)
        var keys = probabilities.enumerated().map { (probability: $0.element, position: $0.offset) }
        keys.sort { a, b in
            if a.probability != b.probability { return a.probability > b.probability }
            let x = numeric[a.position], y = numeric[b.position]
            if x != y, x != CustomerIDOrder.noNumericKey, y != CustomerIDOrder.noNumericKey { return x < y }
            return CustomerIDOrder.precedes(customerIDs[a.position], customerIDs[b.position])
        }
        return keys.map(\.position)
    }

    /// The number of ranked rows.
    public var count: Int { order.count }

    /// Every row in rank order, as ``ScoredCustomer`` values (reasons included): builds them all,
    /// so for large lists prefer ``customer(at:)`` and the per-row accessors.
    public var rows: [ScoredCustomer] { order.indices.map(customer(at:)) }

    /// The row at 0-based rank index `index`, with its reasons.
    public func customer(at index: Int) -> ScoredCustomer {
        let i = order[index]
        return ScoredCustomer(customerID: customerIDs[i], row: tableRow(at: index), churnProbability: probabilities[i], logit: logits[i],
                              reasons: reasons(at: index), expectedSpend: spend(i))
    }

    /// The customer id of the row at 0-based rank index `index`.
    public func customerID(at index: Int) -> String { customerIDs[order[index]] }

    /// `P(churn)` of the row at 0-based rank index `index`.
    public func churnProbability(at index: Int) -> Double { probabilities[order[index]] }

    /// The row of the feature table that was scored.
    public func tableRow(at index: Int) -> Int {
        let i = order[index]
        return tableRows?[i] ?? i
    }

    /// The inputs pushing this row's risk up the most, largest first (at most three).
    public func reasons(at index: Int) -> [ScoreReason] {
        switch reasonSource {
        case let .stored(reasons): return reasons[order[index]]
        case let .computed(reasons): return reasons(order[index])
        }
    }

    /// `churn_probability × expected spend` of the row at `index`; nil when it has no value.
    public func valueAtRisk(at index: Int) -> Double? {
        let i = order[index]
        return spend(i).map { probabilities[i] * $0 }
    }

    private func spend(_ i: Int) -> Double? {
        guard let expectedSpend, !expectedSpend[i].isNaN else { return nil }
        return expectedSpend[i]
    }

    /// The (at most) `count` rank indices among `indices` (all rows when nil) with the largest
    /// value at risk, largest first, equal values by rank; a row without a value counts as
    /// `missing`. The same as sorting them all and taking the prefix, in one pass.
    public func topByValueAtRisk(_ count: Int, among indices: [Int]? = nil, missing: Double) -> [Int] {
        guard count > 0 else { return [] }
        var top: [(value: Double, index: Int)] = []
        top.reserveCapacity(count + 1)
        func consider(_ k: Int) {
            let value = valueAtRisk(at: k) ?? missing
            if top.count == count, !(value > top[top.count - 1].value) { return }
            // Scanning in rank order, an equal value goes after those already kept.
            var position = top.count
            while position > 0, top[position - 1].value < value { position -= 1 }
            top.insert((value, k), at: position)
            if top.count > count { top.removeLast() }
        }
        if let indices { for k in indices.sorted() { consider(k) } } else { for k in order.indices { consider(k) } }
        return top.map(\.index)
    }

    /// Decile of the row at 0-based `index`: 1 = the riskiest 10%.
    public func decile(at index: Int) -> Int { RiskDecile.decile(rankIndex: index, count: order.count) }

    /// The band of the row at 0-based rank index `index` under ``bands``.
    public func band(at index: Int) -> RiskBand {
        bands.band(probability: churnProbability(at: index), rankIndex: index, count: order.count)
    }

    /// Customers per band.
    public var bandCounts: [RiskBand: Int] {
        var counts: [RiskBand: Int] = [:]
        for k in order.indices { counts[band(at: k), default: 0] += 1 }
        return counts
    }

    /// Σ `expected_value_at_risk` over the rows at `indices` (all rows when nil); nil when no row has a value.
    public func totalValueAtRisk(_ indices: [Int]? = nil) -> Double? {
        guard expectedSpend != nil else { return nil }
        var total = 0.0, any = false
        func add(_ k: Int) {
            if let v = valueAtRisk(at: k) { total += v; any = true }
        }
        if let indices { for k in indices { add(k) } } else { for k in order.indices { add(k) } }
        return any ? total : nil
    }
}
