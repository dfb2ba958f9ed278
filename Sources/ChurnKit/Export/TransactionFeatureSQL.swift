/// The steps that turn a transactions table into ChurnKit's feature table (``TransactionFeature``)
/// in SQL, with exactly ``TransactionFeatureBuilder``'s definitions.
///
/// The plan is two group-bys keyed by customer: rows → purchase days (customer, day), then purchase
/// days → one activity row per customer. Every day is held as its distance in days from the
/// cut-off (`age`), so the windows `(cutoff − k, cutoff]` are `age ≤ k − 1`, the calibration window
/// is `age ≥ 0` and a holdout of `h` days is `−h ≤ age < 0`. Customers are those with a purchase on
/// or before the cut-off; rows after the holdout are never read into a group.
///
/// Rows `churn` would reject (no customer id, no date, no amount or a non-finite amount) are
/// skipped: SQL has no file and line to report them against. A table whose date column is not a
/// DATE needs `CAST` to work on it (a TIMESTAMP or `YYYY-MM-DD` text does).
struct TransactionFeatureSQL: Sendable {
    typealias Cutoff = SQLCutoff

    var dialect: SQLDialect
    var table: String
    var columns: TransactionColumns
    var cutoff: Cutoff
    /// With a horizon, `is_churn` (no purchase in the `horizonDays` days after the cut-off).
    var horizonDays: Int?
    /// The one-time buyers' gap for `overdue_ratio`; nil computes it from the table (training).
    var referenceGapDays: Double?

    init(dialect: SQLDialect, table: String, columns: TransactionColumns, cutoff: Cutoff, horizonDays: Int? = nil,
                referenceGapDays: Double? = nil) {
        self.dialect = dialect
        self.table = table
        self.columns = columns
        self.cutoff = cutoff
        self.horizonDays = horizonDays
        self.referenceGapDays = referenceGapDays
    }

    /// Appends the steps; the last is `features`: `customer_id` (text), the feature columns in
    /// ``TransactionFeature`` order (counts and days as BIGINT, the rest DOUBLE) and, with a horizon,
    /// `is_churn` (BIGINT 0/1).
    func addSteps(to script: inout SQLScript) throws {
        try addTransactions(to: &script)
        addCutoff(to: &script)
        addPurchaseDays(to: &script)
        addActivity(to: &script)
        addReferenceGap(to: &script)
        try addFeatures(to: &script)
    }

    /// Step 1: the typed, filtered transactions.
    private func addTransactions(to script: inout SQLScript) throws {
        let d = dialect
        let customer = try d.identifier(columns.customer), date = try d.identifier(columns.date)
        // A log without amounts: every row a purchase of value 0, and no spend column is selected.
        let amount = try columns.amount.map { "CAST(\(try d.identifier($0)) AS DOUBLE)" } ?? "0e0"
        script.step("transactions", [
            "1. The transactions: customer id as text, the day as a DATE, the amount as a DOUBLE (refunds negative, kept).",
            "   Rows churn would reject (empty id, no date or amount, a non-finite amount) are skipped.",
        ], """
        SELECT customer_id, day, amount
        FROM (
          SELECT CAST(\(customer) AS \(d.text)) AS customer_id, CAST(\(date) AS DATE) AS day, \(amount) AS amount
          FROM \(try d.tableName(table))
        ) AS typed
        WHERE customer_id IS NOT NULL AND customer_id <> '' AND day IS NOT NULL AND \(d.isFinite("amount"))
        """)
    }

    /// Step 2: the cut-off day, given or the latest date.
    private func addCutoff(to script: inout SQLScript) {
        let cutoffExpression: String
        switch cutoff {
        case let .date(day): cutoffExpression = "SELECT DATE '\(day)' AS cutoff_day"
        case .latest: cutoffExpression = "SELECT MAX(day) AS cutoff_day FROM transactions"
        }
        script.step("cutoff", [
            "2. The cut-off: features use the days up to and including it" + (cutoff == .latest ? " (here the latest date in the table)." : "."),
        ], cutoffExpression)
    }

    /// Step 3: one row per customer and purchase day, with its age relative to the cut-off.
    private func addPurchaseDays(to script: inout SQLScript) {
        let d = dialect, horizon = horizonDays ?? 0
        script.step("purchase_days", [
            "3. Purchase days: one row per customer and day, all of the day's transactions summed (lifetimes, freq='D').",
            "   age = days from the day to the cut-off: 0 on the cut-off, negative in the holdout" + (horizonDays == nil ? "." : " (\(horizon) days)."),
        ], """
        SELECT t.customer_id, \(d.daysBetween("t.day", "c.cutoff_day")) AS age, SUM(t.amount) AS spend, COUNT(*) AS n_rows
        FROM transactions AS t CROSS JOIN cutoff AS c
        WHERE \(holdoutCondition())
        GROUP BY t.customer_id, t.day, c.cutoff_day
        """)
    }

    /// Step 4: per-customer counts, sums and window totals on or before the cut-off.
    private func addActivity(to script: inout SQLScript) {
        let d = dialect
        func window(_ days: Int) -> String { "age BETWEEN 0 AND \(days - 1)" }
        script.step("activity", [
            "4. Activity per customer, from the purchase days on or before the cut-off (age ≥ 0). The repeat days' spend is",
            "   summed on its own and monetary_total is first day + repeat days, as ChurnKit keeps them: total minus first day",
            "   would cancel (amounts 1e17, 3, 4 give a repeat mean of 0, not 3.5) and move a value off a cut point it sits on.",
        ], """
        SELECT customer_id,
          SUM(CASE WHEN age >= 0 THEN 1 ELSE 0 END) AS purchase_days,
          MAX(age) AS first_age,
          MIN(CASE WHEN age >= 0 THEN age END) AS last_age,
          SUM(CASE WHEN age >= 0 THEN n_rows ELSE 0 END) AS n_transactions,
          \(d.maxBy("spend", "age")) AS first_day_spend,
          SUM(CASE WHEN age >= 0 AND age < customer_first_age THEN spend ELSE 0 END) AS repeat_spend,
          SUM(CASE WHEN \(window(30)) THEN 1 ELSE 0 END) AS purchases_30d,
          SUM(CASE WHEN \(window(30)) THEN spend ELSE 0 END) AS spend_30d,
          SUM(CASE WHEN \(window(90)) THEN 1 ELSE 0 END) AS purchases_90d,
          SUM(CASE WHEN \(window(90)) THEN spend ELSE 0 END) AS spend_90d,
          SUM(CASE WHEN \(window(180)) THEN 1 ELSE 0 END) AS purchases_180d,
          SUM(CASE WHEN \(window(180)) THEN spend ELSE 0 END) AS spend_180d,
          SUM(CASE WHEN age BETWEEN 90 AND 179 THEN spend ELSE 0 END) AS spend_previous_90d,
          MIN(age) < 0 AS bought_in_holdout
        FROM (SELECT *, MAX(age) OVER (PARTITION BY customer_id) AS customer_first_age FROM purchase_days) AS p
        GROUP BY customer_id
        HAVING MAX(age) >= 0
        """)
    }

    /// Step 5: the one-time buyers' reference gap, stored (scoring) or estimated (training).
    private func addReferenceGap(to script: inout SQLScript) {
        let d = dialect
        let gapComment: String
        let gapBody: String
        if let referenceGapDays {
            gapComment = "5. The reference gap for one-time buyers' overdue_ratio, stored in the model at training: \(NumberText.format(referenceGapDays)) days."
            gapBody = "SELECT \(d.double(referenceGapDays)) AS reference_gap_days"
        } else {
            gapComment = "5. The reference gap for one-time buyers' overdue_ratio: the mean gap of the repeat buyers (1 when there are none)."
            gapBody = """
            SELECT COALESCE(AVG(CASE WHEN purchase_days > 1 THEN CAST(first_age - last_age AS DOUBLE) / (purchase_days - 1) END), 1e0) AS reference_gap_days
            FROM activity
            """
        }
        script.step("reference_gap", [gapComment], gapBody)
    }

    /// Step 6: the feature table in ``TransactionFeature`` order, with the label when there is a horizon.
    private func addFeatures(to script: inout SQLScript) throws {
        let d = dialect, horizon = horizonDays ?? 0
        var lines: [String] = []
        for feature in TransactionFeature.available(withAmounts: columns.hasAmounts) {
            let name = try d.identifier(feature.name)
            let expression: String
            switch feature {
            case .frequency: expression = "a.purchase_days - 1"
            case .recency: expression = "a.first_age - a.last_age"
            case .T: expression = "a.first_age"
            case .monetaryValue:
                expression = "CASE WHEN a.purchase_days > 1 THEN a.repeat_spend / (a.purchase_days - 1) ELSE 0e0 END"
            case .daysSinceLast: expression = "a.last_age"
            case .transactionCount: expression = "a.n_transactions"
            case .monetaryTotal: expression = "a.first_day_spend + a.repeat_spend"
            case .meanGapDays:
                expression = "CASE WHEN a.purchase_days > 1 THEN CAST(a.first_age - a.last_age AS DOUBLE) / (a.purchase_days - 1) ELSE 0e0 END"
            case .overdueRatio:
                expression = "CAST(a.last_age AS DOUBLE) / CASE WHEN a.purchase_days > 1 THEN CAST(a.first_age - a.last_age AS DOUBLE) / (a.purchase_days - 1) ELSE g.reference_gap_days END"
            case .purchases30d: expression = "a.purchases_30d"
            case .spend30d: expression = "a.spend_30d"
            case .purchases90d: expression = "a.purchases_90d"
            case .spend90d: expression = "a.spend_90d"
            case .purchases180d: expression = "a.purchases_180d"
            case .spend180d: expression = "a.spend_180d"
            case .spendTrend90d:
                expression = "CASE WHEN abs(a.spend_90d) + abs(a.spend_previous_90d) > 0 THEN (a.spend_90d - a.spend_previous_90d) / (abs(a.spend_90d) + abs(a.spend_previous_90d)) ELSE 0e0 END"
            }
            let type = Self.isCount(feature) ? "BIGINT" : "DOUBLE"
            lines.append("\(SQLScript.comment(feature.name + ": " + feature.definition))\nCAST(\(expression) AS \(type)) AS \(name)")
        }
        if horizonDays != nil {
            lines.append("\(SQLScript.comment("is_churn: 1 when the customer made no purchase in the \(horizon) days after the cut-off"))\nCAST(CASE WHEN a.bought_in_holdout THEN 0 ELSE 1 END AS BIGINT) AS is_churn")
        }
        script.step("features", [
            "6. The feature table, one row per customer (ChurnKit's definitions; README, Columns).",
        ], "SELECT a.customer_id,\n" + lines.joined(separator: ",\n").split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
           + "\nFROM activity AS a CROSS JOIN reference_gap AS g")
    }

    /// The rows a purchase day is built from: on or before the cut-off, or in the holdout.
    private func holdoutCondition() -> String {
        guard let horizonDays else { return "t.day <= c.cutoff_day" }
        return "\(dialect.daysBetween("t.day", "c.cutoff_day")) >= -\(horizonDays)"
    }

    /// Columns that are whole numbers of days or rows.
    static func isCount(_ feature: TransactionFeature) -> Bool {
        switch feature {
        case .frequency, .recency, .T, .daysSinceLast, .transactionCount, .purchases30d, .purchases90d, .purchases180d: return true
        default: return false
        }
    }
}
