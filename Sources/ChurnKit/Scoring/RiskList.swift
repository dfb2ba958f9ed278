/// Scored customers ranked for outreach: highest churn probability first, equal probabilities by
/// customer id (``CustomerIDOrder``), so two runs on the same input give the same order.
///
/// Ranks are 1-based; `rows[k]` has rank `k + 1`. Deciles and bands are functions of the rank
/// (see ``RiskDecile`` and ``RiskBands``).
public struct RiskList: Sendable {
    public private(set) var rows: [ScoredCustomer]
    public var modelID: String
    /// ISO-8601 UTC time of the run, written into every row.
    public var scoredAt: String
    public var bands: RiskBands

    public init(scored: [ScoredCustomer], modelID: String, scoredAt: String, bands: RiskBands = .defaultProbability) {
        for customer in scored { precondition(!customer.churnProbability.isNaN, "customer \(customer.customerID) has a NaN probability") }
        // Sort indices on a flat array of probabilities (moving 1M structs with references
        // through a merge sort costs more in retains than the comparisons), then gather once.
        let probabilities = scored.map(\.churnProbability)
        let order = scored.indices.sorted { a, b in
            if probabilities[a] != probabilities[b] { return probabilities[a] > probabilities[b] }
            return CustomerIDOrder.precedes(scored[a].customerID, scored[b].customerID)
        }
        self.rows = order.map { scored[$0] }
        self.modelID = modelID
        self.scoredAt = scoredAt
        self.bands = bands
    }

    public var count: Int { rows.count }

    /// Decile of the row at 0-based `index`: 1 = the riskiest 10%.
    public func decile(at index: Int) -> Int { RiskDecile.decile(rankIndex: index, count: rows.count) }

    public func band(at index: Int) -> RiskBand {
        bands.band(probability: rows[index].churnProbability, rankIndex: index, count: rows.count)
    }

    /// Customers per band.
    public var bandCounts: [RiskBand: Int] {
        var counts: [RiskBand: Int] = [:]
        for k in rows.indices { counts[band(at: k), default: 0] += 1 }
        return counts
    }

    /// Σ `expected_value_at_risk` over the rows at `indices` (all rows when nil); nil when no row has a value.
    public func totalValueAtRisk(_ indices: [Int]? = nil) -> Double? {
        var total = 0.0, any = false
        for k in indices ?? Array(rows.indices) {
            if let v = rows[k].valueAtRisk { total += v; any = true }
        }
        return any ? total : nil
    }
}
