/// A BG/NBD model (`model_type` `bgnbd`) as SQL: its churn probability, P(no purchase in the
/// next `horizon_days` days), and its one reason in words, from the feature step's `frequency`,
/// `recency` and `T`, as ``BGNBDPredictions`` and ``BuyTillYouDieModel/reason(frequency:recency:T:probabilityAlive:)``
/// compute them.
///
/// Both are closed forms, so the query needs no series: for `x > 0` repeat purchases,
/// `ℓ = log(a/(b+x−1)) + (r+x)·log1p((T−tₓ)/(α+tₓ))` and P(alive) = σ(−ℓ), taken from one
/// `exp(−|ℓ|)` on the side that cannot overflow (ChurnKit's branch, so the two agree to the last
/// bits); a customer without repeat purchases is alive (P(alive) 1). An alive customer stays quiet
/// for `h` days with probability `((α+T)/(α+T+h))^(r+x)`, so P(churn) = 1 − P(alive) + P(alive)·that.
/// P(alive) is also a logistic model's input `bgnbd_p_alive`. The expected number of purchases
/// (the input `bgnbd_expected_purchases`) needs the Gaussian hypergeometric series and is not
/// written (``SQLExportError/unsupportedInput(input:dialect:reason:)``).
struct BGNBDSQL {
    let model: BuyTillYouDieModel
    let dialect: SQLDialect

    /// Steps 7–7b: P(alive), P(dead) and P(stays quiet) per customer beside the feature columns,
    /// in `bgnbd_alive`; the logistic input `bgnbd_p_alive` is its `p_alive`. Returns the step a
    /// logistic model reads its inputs from.
    @discardableResult
    func addAliveSteps(to script: inout SQLScript) throws -> String {
        let d = dialect, p = model.parameters
        let x = "CAST(\(try d.identifier(TransactionFeature.frequency.name)) AS DOUBLE)"
        let recency = "CAST(\(try d.identifier(TransactionFeature.recency.name)) AS DOUBLE)"
        let age = "CAST(\(try d.identifier(TransactionFeature.T.name)) AS DOUBLE)"
        let (r, alpha, a, b) = (d.double(p.r), d.double(p.alpha), d.double(p.a), d.double(p.b))
        let horizon = d.double(Double(model.horizonDays))
        script.step("bgnbd_odds", [
            "7. BG/NBD (r \(NumberText.format(p.r)), alpha \(NumberText.format(p.alpha)) days, a \(NumberText.format(p.a)), b \(NumberText.format(p.b))): x repeat purchases, t_x the last one's",
            "   age, T the first one's (days). odds = log(a/(b+x-1)) + (r+x)·log1p((T-t_x)/(alpha+t_x)) when x > 0 (P(alive) = σ(-odds));",
            "   quiet = ((alpha+T)/(alpha+T+h))^(r+x), the chance an alive customer makes no purchase in the next h = \(model.horizonDays) days.",
        ], """
        SELECT *,
          CASE WHEN x > 0 THEN ln(\(a) / (\(b) + x - 1e0)) + (\(r) + x) * \(d.log1p("(age - t_x) / (\(alpha) + t_x)")) END AS odds,
          exp(-(\(r) + x) * \(d.log1p("\(horizon) / (\(alpha) + age)"))) AS quiet
        FROM (SELECT *, \(x) AS x, \(recency) AS t_x, \(age) AS age FROM features) AS history
        """)
        // σ(−odds) and σ(odds) from e = exp(−|odds|): e/(1+e) is the small side, 1/(1+e) the large.
        let small = "exp(-abs(odds)) / (1e0 + exp(-abs(odds)))", large = "1e0 / (1e0 + exp(-abs(odds)))"
        let pAlive = try d.identifier(BuyTillYouDieModel.probabilityAliveColumn)
        script.step("bgnbd_alive", [
            "7b. P(alive) (the input \(BuyTillYouDieModel.probabilityAliveColumn)) and P(dead): σ(-odds) and σ(odds), each from exp(-|odds|);",
            "    1 and 0 without repeat purchases.",
        ], """
        SELECT *,
          CASE WHEN x = 0 THEN 1e0 WHEN odds >= 0 THEN \(small) ELSE \(large) END AS \(pAlive),
          CASE WHEN x = 0 THEN 0e0 WHEN odds >= 0 THEN \(large) ELSE \(small) END AS p_dead
        FROM bgnbd_odds
        """)
        return "bgnbd_alive"
    }

    /// Steps 7–8 of a BG/NBD model: ``addAliveSteps(to:)``, then the probability and the reason
    /// in `scored`, what the ranking steps read.
    func addScoringSteps(to script: inout SQLScript) throws {
        let d = dialect
        try addAliveSteps(to: &script)
        let pAlive = try d.identifier(BuyTillYouDieModel.probabilityAliveColumn)
        let since = Self.number("age - t_x", dialect: d), purchases = Self.number("x + 1e0", dialect: d), days = Self.number("age", dialect: d)
        let reason = "CASE WHEN x = 0 THEN 'one purchase, ' || \(since) || ' days ago (P(alive) 1: no repeat purchase yet)' "
            + "ELSE 'last purchase ' || \(since) || ' days ago after ' || \(purchases) || ' purchases in ' || \(days) || ' days (P(alive) ' || "
            + "\(SQLExporter.fixedTwo(pAlive, dialect: d)) || ')' END"
        script.step("scored", [
            "8. P(churn) = P(no purchase in the next \(model.horizonDays) days) = P(dead) + P(alive)·quiet; the reason as churn score writes it",
            "   (the last purchase, the purchases and P(alive) with two decimals); no second or third reason.",
        ], """
        SELECT customer_id,
          p_dead + \(pAlive) * quiet AS churn_probability,
          \(reason) AS reason_1,
          CAST(NULL AS \(d.text)) AS reason_2,
          CAST(NULL AS \(d.text)) AS reason_3
        FROM bgnbd_alive
        """)
    }

    /// ``NumberText/format(_:)`` in SQL: whole values without decimals, others in shortest form.
    static func number(_ x: String, dialect d: SQLDialect) -> String {
        "(CASE WHEN abs(\(x)) < 1e15 AND \(x) = ROUND(\(x)) THEN CAST(CAST(\(x) AS BIGINT) AS \(d.text)) ELSE \(d.shortestText(x)) END)"
    }
}
