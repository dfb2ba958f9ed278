/// lifetimes' two standard BG/NBD fit checks, as tables.
///
/// - `calibrationVsHoldout` (lifetimes' `plot_calibration_purchases_vs_holdout_purchases`):
///   customers grouped by calibration frequency `x` (0…6, then 7 and more), the mean number of
///   purchase days they made in the holdout against the mean the model predicted for it,
///   `E[X(T, T + holdout) | x, tₓ, T]`.
/// - `repeatPurchases` (lifetimes' `plot_period_transactions`): how many customers made
///   0, 1, …, 6, 7+ repeat purchases in the calibration period, against the number the model
///   expects, `Σᵢ P(X(Tᵢ) = k)` over the customers' own ages (computed from equation (8) rather
///   than lifetimes' simulation, so it is exact and reproducible).
public struct BGNBDFitChecks: Codable, Sendable {
    /// One group of customers: the model's expectation beside what they did.
    public struct Row: Codable, Sendable {
        /// `"0"` … `"6"`, `"7+"`.
        public var frequency: String
        /// Customers in the group.
        public var customers: Int
        /// What the group did (mean holdout purchases, or a count of customers).
        public var actual: Double
        /// What the model expects for the group, in the same unit as `actual`.
        public var expected: Double
    }

    /// Length of the holdout period the first check compares against; nil without a holdout.
    public var holdoutDays: Double?
    /// Mean holdout purchases per calibration frequency; nil without holdout counts.
    public var calibrationVsHoldout: [Row]?
    /// Customers per number of calibration repeat purchases.
    public var repeatPurchases: [Row]

    enum CodingKeys: String, CodingKey {
        case holdoutDays = "holdout_days", calibrationVsHoldout = "calibration_vs_holdout", repeatPurchases = "repeat_purchases"
    }

    /// `frequency`, `recency`, `T` per customer; `holdoutPurchases` the purchase days each made in
    /// the `holdoutDays` after the cut-off (nil: no calibration-vs-holdout table).
    public init(parameters: BGNBDParameters, frequency: [Double], recency: [Double], T: [Double],
                holdoutPurchases: [Double]? = nil, holdoutDays: Double? = nil, groups: Int = 7) {
        func label(_ k: Int) -> String { k == groups ? "\(groups)+" : "\(k)" }
        func bucket(_ x: Double) -> Int { min(Int(x), groups) }
        self.holdoutDays = holdoutDays
        if let holdoutPurchases, let holdoutDays {
            var count = [Int](repeating: 0, count: groups + 1)
            var actual = [Double](repeating: 0, count: groups + 1), expected = actual
            for i in frequency.indices {
                let k = bucket(frequency[i])
                count[k] += 1
                actual[k] += holdoutPurchases[i]
                expected[k] += parameters.expectedPurchases(days: holdoutDays, frequency: frequency[i], recency: recency[i], T: T[i])
            }
            calibrationVsHoldout = (0...groups).filter { count[$0] > 0 }.map { k in
                Row(frequency: label(k), customers: count[k], actual: actual[k] / Double(count[k]), expected: expected[k] / Double(count[k]))
            }
        } else {
            calibrationVsHoldout = nil
        }
        var actual = [Int](repeating: 0, count: groups + 1)
        for x in frequency { actual[bucket(x)] += 1 }
        var expected = [Double](repeating: 0, count: groups + 1)
        var ages: [Double: Int] = [:]
        for age in T { ages[age, default: 0] += 1 }
        for (age, customers) in ages {
            var below = 0.0
            for k in 0..<groups {
                let p = parameters.probabilityOfPurchases(k, days: age)
                expected[k] += Double(customers) * p
                below += p
            }
            expected[groups] += Double(customers) * max(0, 1 - below)
        }
        repeatPurchases = (0...groups).map { k in
            Row(frequency: label(k), customers: actual[k], actual: Double(actual[k]), expected: expected[k])
        }
    }
}
