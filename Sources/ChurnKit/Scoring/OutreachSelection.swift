/// Which ranked customers to contact.
///
/// - `top`: at most this many customers.
/// - `minProbability`: only customers with `churn_probability ≥ minProbability`.
/// - `budget`: a money budget for contacts. Each customer's expected net gain from a contact is
///   `churn_probability × expected_spend × saveRate − contactCost` (the value at risk that the
///   contact is expected to save, less what it costs). Customers are taken in order of net gain,
///   highest first (equal gains by rank), while the gain is positive and the budget pays for one
///   more contact: at most `⌊budget / contactCost⌋` contacts. Customers without a value never
///   have a positive gain.
///
/// The conditions combine: a customer is selected when every given condition selects them. With
/// no condition every customer is selected. The selected rows stay in rank order.
public struct OutreachSelection: Sendable, Equatable {
    /// A money budget for contacts and what a contact costs and saves.
    public struct Budget: Sendable, Equatable {
        /// Money available for contacts, in the currency of the amounts.
        public var total: Double
        /// The cost of contacting one customer, in the same currency.
        public var contactCost: Double
        /// The fraction of contacted would-be churners a contact keeps, in [0, 1].
        public var saveRate: Double

        /// A budget of `total` for contacts costing `contactCost` each that keep `saveRate` of the would-be churners.
        public init(total: Double, contactCost: Double, saveRate: Double) {
            self.total = total
            self.contactCost = contactCost
            self.saveRate = saveRate
        }

        /// `p × value × saveRate − contactCost`.
        public func netGain(_ customer: ScoredCustomer) -> Double { netGain(valueAtRisk: customer.valueAtRisk) }

        func netGain(valueAtRisk: Double?) -> Double { (valueAtRisk ?? 0) * saveRate - contactCost }
    }

    /// At most this many customers, the riskiest; nil: no limit.
    public var top: Int?
    /// Only customers with `churn_probability ≥ minProbability`; nil: no threshold.
    public var minProbability: Double?
    /// Contacts by expected net gain within a budget; nil: no budget.
    public var budget: Budget?

    /// A selection by any of the three conditions; none selects everyone.
    public init(top: Int? = nil, minProbability: Double? = nil, budget: Budget? = nil) {
        self.top = top
        self.minProbability = minProbability
        self.budget = budget
    }

    /// True when no condition is given (everyone is selected).
    public var selectsEveryone: Bool { top == nil && minProbability == nil && budget == nil }

    /// Throws ``ParameterError`` (parameters `top`, `min_probability`, `budget`, `contact_cost`,
    /// `save_rate`) for a value outside its range.
    public func validated() throws -> OutreachSelection {
        if let top, top < 0 { throw ParameterError(parameter: "top", value: "\(top)", allowed: "a count ≥ 0") }
        if let p = minProbability, !(0...1).contains(p) {
            throw ParameterError(parameter: "min_probability", value: NumberText.format(p), allowed: "a probability in [0, 1]")
        }
        if let b = budget {
            guard b.total.isFinite, b.total >= 0 else { throw ParameterError(parameter: "budget", value: NumberText.format(b.total), allowed: "an amount ≥ 0") }
            guard b.contactCost.isFinite, b.contactCost >= 0 else {
                throw ParameterError(parameter: "contact_cost", value: NumberText.format(b.contactCost), allowed: "an amount ≥ 0")
            }
            guard (0...1).contains(b.saveRate) else {
                throw ParameterError(parameter: "save_rate", value: NumberText.format(b.saveRate), allowed: "a share in [0, 1]")
            }
        }
        return self
    }

    /// The rows a selection picked, with the budget's accounting.
    public struct Result: Sendable, Equatable {
        /// Selected 0-based rank indices, ascending.
        public var indices: [Int]
        /// With a budget: the expected net gain of each selected row (aligned with `indices`).
        public var netGains: [Double]?
        /// With a budget: what the contacts cost, and their total expected net gain.
        public var spent: Double?
        /// With a budget: Σ expected net gain of the selected rows.
        public var totalNetGain: Double?
    }

    /// The rows of `list` this selection picks, in rank order (see the type's description).
    public func select(_ list: RiskList) -> Result {
        var eligible = Array(0..<list.count)
        if let minProbability { eligible = eligible.filter { list.churnProbability(at: $0) >= minProbability } }
        guard let budget else {
            if let top, eligible.count > top { eligible = Array(eligible.prefix(top)) }
            return Result(indices: eligible, netGains: nil, spent: nil, totalNetGain: nil)
        }
        let gains = eligible.map { budget.netGain(valueAtRisk: list.valueAtRisk(at: $0)) }
        let byGain = eligible.indices.sorted { gains[$0] > gains[$1] || (gains[$0] == gains[$1] && eligible[$0] < eligible[$1]) }
        var limit = top ?? Int.max
        if budget.contactCost > 0 {
            let affordable = (budget.total / budget.contactCost).rounded(.down)
            limit = min(limit, affordable < Double(Int.max) ? Int(affordable) : Int.max)
        }
        var chosen: [(index: Int, gain: Double)] = []
        for k in byGain {
            guard chosen.count < limit, gains[k] > 0 else { break }
            chosen.append((eligible[k], gains[k]))
        }
        chosen.sort { $0.index < $1.index }
        return Result(indices: chosen.map(\.index), netGains: chosen.map(\.gain), spent: Double(chosen.count) * budget.contactCost,
                      totalNetGain: chosen.reduce(0) { $0 + $1.gain })
    }
}
