/// Writes a ``ChurnModel`` as one SQL query for DuckDB or Apache Spark: features from the raw
/// table, the stored transforms, standardization and coefficients, the probability, and the ranked
/// risk list with deciles, bands and reasons, as `churn score` computes them.
///
/// The model file stays the single source of truth: every constant in the SQL is read from it
/// and written in round-trip form, so the engine computes what ChurnKit computes (to the last
/// bits of `log1p`/`exp` and of sums taken in another order; see ``SQLDialect``). The query is
/// readable: one step per stage, comments naming the model and each input.
///
/// Model kinds: logistic regression, the additive model (its terms' cut points and tables as
/// `CASE` expressions and constant arrays, `AdditiveTermSQL`) and BG/NBD (closed forms, `BGNBDSQL`).
/// Any other kind, a transform without a SQL translation, or a logistic input fitted by BG/NBD
/// (`bgnbd_*`) is a ``SQLExportError`` naming it, never a wrong query.
public enum SQLExporter {
    /// The scoring query for `model`.
    ///
    /// Output, in `churn score`'s order (probability descending, ties by ``CustomerIDOrder``):
    /// `rank, customer_id, churn_probability, decile, risk_band, reason_1, reason_2, reason_3, model_id`.
    public static func scoringScript(model: ChurnModel, dialect: SQLDialect, options: SQLScoringOptions) throws -> String {
        let bgnbd = model.modelType == ChurnModel.bgnbdType ? model.bgnbd : nil
        guard model.modelType == ChurnModel.logisticRegressionType || (model.modelType == ChurnModel.additiveType && model.terms != nil)
                || bgnbd != nil else {
            throw SQLExportError.unsupportedModelKind(kind: model.modelType, dialect: dialect)
        }
        let d = dialect
        var script = SQLScript()
        script.note("churn score as SQL for \(d == .duckdb ? "DuckDB" : "Apache Spark"), written by ChurnKit \(ChurnKitVersion.current).",
                    "model \(model.modelID): \(model.modelType), \(model.inputs.count) inputs, trained on \(model.trainingData.file) (\(model.trainingData.rows) rows).",
                    "Numbers: IEEE doubles throughout; constants in shortest round-trip form; \(d == .duckdb ? "log1p as ln(1 + x)" : "log1p as Spark's log1p") (see ChurnKit's SQLDialect).")

        // The features the model reads, in the step `source`.
        var source = "features"
        switch model.featureSpec.inputKind {
        case .transactions:
            guard let spec = model.featureSpec.transactions else { throw SQLExportError.invalidOption("\(model.modelID): no transaction feature spec") }
            if options.idColumn != nil { throw SQLExportError.optionNotForModel(option: "idColumn", model: model.modelID, modelInput: .transactions) }
            let columns = options.columns ?? spec.columns
            let features = TransactionFeatureSQL(dialect: d, table: options.table, columns: columns, cutoff: options.asOf,
                                                 horizonDays: nil, referenceGapDays: spec.referenceGapDays)
            script.note("input: table \(options.table), columns \(columns.customer) (customer id), \(columns.date) (DATE), \(columns.amount.map { "\($0) (amount)" } ?? "no amounts");",
                        "as of \(options.asOf.description) (the cut-off; the last day counted).")
            try features.addSteps(to: &script)
            var known = Set(TransactionFeature.available(withAmounts: columns.hasAmounts).map(\.name))
            if model.inputs.contains(where: { $0.column == BuyTillYouDieModel.expectedPurchasesColumn }) {
                throw SQLExportError.unsupportedInput(input: BuyTillYouDieModel.expectedPurchasesColumn, dialect: d,
                                                      reason: "BG/NBD's expected purchases need the Gaussian hypergeometric series, which has no SQL translation")
            }
            if bgnbd == nil, model.inputs.contains(where: { $0.column == BuyTillYouDieModel.probabilityAliveColumn }) {
                guard let fitted = model.bgnbd else {
                    throw SQLExportError.invalidOption("\(model.modelID): input '\(BuyTillYouDieModel.probabilityAliveColumn)' without the BG/NBD fit that computes it")
                }
                source = try BGNBDSQL(model: fitted, dialect: d).addAliveSteps(to: &script)
                known.insert(BuyTillYouDieModel.probabilityAliveColumn)
            }
            if let unknown = model.inputs.first(where: { !known.contains($0.column) }) {
                throw SQLExportError.invalidOption("\(model.modelID): input '\(unknown.name)' is not a transaction feature")
            }
        case .table:
            guard let encoding = model.featureSpec.table else { throw SQLExportError.invalidOption("\(model.modelID): no table encoding") }
            if options.columns != nil { throw SQLExportError.optionNotForModel(option: "columns", model: model.modelID, modelInput: .table) }
            if case .date = options.asOf { throw SQLExportError.optionNotForModel(option: "asOf", model: model.modelID, modelInput: .table) }
            guard let idColumn = options.idColumn ?? encoding.idColumn else { throw SQLExportError.missingIDColumn(model: model.modelID) }
            script.note("input: table \(options.table), one row per customer, id column \(idColumn).")
            try TableEncodingSQL(dialect: d, table: options.table, encoding: encoding, idColumn: idColumn).addSteps(to: &script)
        }
        if let bgnbd {
            try BGNBDSQL(model: bgnbd, dialect: d).addScoringSteps(to: &script)
            addRankingSteps(dialect: d, bands: options.bands, firstStep: 9, to: &script)
        } else {
            try addScoringSteps(model: model, source: source, dialect: d, bands: options.bands, to: &script)
        }
        return script.render(finalQuery: """
        SELECT rank, customer_id, churn_probability, decile, risk_band, reason_1, reason_2, reason_3,
          \(try d.string(model.modelID)) AS model_id
        FROM ranked
        ORDER BY rank
        """)
    }

    /// The training-table query: `customer_id`, the feature columns and, with a horizon,
    /// `is_churn`, as `churn features` writes them; rows in ``CustomerIDOrder``.
    public static func featuresScript(dialect: SQLDialect, table: String, columns: TransactionColumns,
                                      cutoff: SQLCutoff, horizonDays: Int?) throws -> String {
        var script = SQLScript()
        script.note("churn features as SQL for \(dialect == .duckdb ? "DuckDB" : "Apache Spark"), written by ChurnKit \(ChurnKitVersion.current).",
                    "input: table \(table), columns \(columns.customer) (customer id), \(columns.date) (DATE), \(columns.amount.map { "\($0) (amount)" } ?? "no amounts");",
                    "cut-off \(cutoff.description)" + (horizonDays.map { ", holdout \($0) days (is_churn)" } ?? ", no label") + ".",
                    "The result is a training table: churn train reads it as it reads a transaction log (give the same cut-off and horizon).")
        let features = TransactionFeatureSQL(dialect: dialect, table: table, columns: columns, cutoff: cutoff, horizonDays: horizonDays)
        try features.addSteps(to: &script)
        let names = try (TransactionFeature.available(withAmounts: columns.hasAmounts).map(\.name) + (horizonDays == nil ? [] : ["is_churn"]))
            .map { try dialect.identifier($0) }
        return script.render(finalQuery: """
        SELECT customer_id, \(names.joined(separator: ", "))
        FROM features
        ORDER BY \(customerOrder("customer_id", dialect: dialect))
        """)
    }

    /// Sort keys reproducing ``CustomerIDOrder`` for the text column `id`.
    static func customerOrder(_ id: String, dialect d: SQLDialect) -> String {
        let digits = d.isDigits(id)
        let number = "regexp_replace(\(id), '^0+', '')"
        return "CASE WHEN \(digits) THEN 0 ELSE 1 END, CASE WHEN \(digits) THEN length(\(number)) ELSE 0 END, "
            + "CASE WHEN \(digits) THEN \(number) ELSE '' END, \(id)"
    }

    /// transforms → standardization → contributions → logit → probability → rank, decile, band → reasons,
    /// reading the inputs' columns from the step `source`.
    static func addScoringSteps(model: ChurnModel, source: String, dialect d: SQLDialect, bands: RiskBands,
                                to script: inout SQLScript) throws {
        guard !model.inputs.isEmpty else { throw SQLExportError.invalidOption("\(model.modelID) has no inputs: there is nothing to score") }
        if let terms = model.terms {
            try addAdditiveLogitSteps(model: model, terms: terms, source: source, dialect: d, to: &script)
        } else {
            try addLogitSteps(model: model, source: source, dialect: d, to: &script)
        }
        try addReasonSteps(model: model, dialect: d, to: &script)
        addRankingSteps(dialect: d, bands: bands, to: &script)
    }

    /// Steps 7–9: raw values, per-input contributions and the logit.
    private static func addLogitSteps(model: ChurnModel, source: String, dialect d: SQLDialect, to script: inout SQLScript) throws {
        let p = model.inputs.count
        // The scorer's kernel, term for term: LinearPredictor.contribution and the logit's sum in input order.
        let kernel = model.linearPredictor
        // Raw values (for the reasons) and transformed inputs.
        var valueLines: [String] = []
        var contributionLines: [String] = []
        for (j, input) in model.inputs.enumerated() {
            let k = j + 1
            let mean = kernel.standardizer.means[j], std = kernel.standardizer.standardDeviations[j]
            let beta = kernel.coefficients[j]
            valueLines.append(SQLScript.comment("v\(k): \(input.column)"))
            valueLines.append("CAST(\(try d.identifier(input.column)) AS DOUBLE) AS v\(k)")
            let x = try transform(kernel.transforms[j], of: input.name, value: "v\(k)", dialect: d)
            contributionLines.append(SQLScript.comment("c\(k): \(input.name), coefficient \(NumberText.format(beta)) per std (mean \(NumberText.format(mean)), std \(NumberText.format(std)))"))
            contributionLines.append("(\(d.double(beta)) * (\(x) - \(d.double(mean)))) / \(d.double(std)) AS c\(k)")
        }
        script.step("inputs", ["7. Each input's feature value, untransformed (the reasons show it)."],
                    "SELECT customer_id,\n" + TableEncodingSQL.joinColumns(valueLines) + "\nFROM \(source)")
        script.step("contributions", [
            "8. Each input's contribution to the logit: coefficient × (transformed value − training mean) / training std.",
        ], "SELECT *,\n" + TableEncodingSQL.joinColumns(contributionLines) + "\nFROM inputs")

        let sum = ([d.double(kernel.intercept)] + (0..<p).map { "c\($0 + 1)" }).joined(separator: " + ")
        script.step("logits", ["9. The logit: the standardized intercept plus the contributions, in input order."],
                    "SELECT *, \(sum) AS logit\nFROM contributions")
    }

    /// Steps 7–9 of an additive model: raw and transformed inputs, each term's bins, its table
    /// entry and cell in words, and the logit (the intercept plus the terms in stored order).
    private static func addAdditiveLogitSteps(model: ChurnModel, terms: AdditiveModel, source: String, dialect d: SQLDialect, to script: inout SQLScript) throws {
        var valueLines: [String] = []
        var transformed: [String] = []
        for (j, input) in model.inputs.enumerated() {
            valueLines.append(SQLScript.comment("v\(j + 1): \(input.column)"))
            valueLines.append("CAST(\(try d.identifier(input.column)) AS DOUBLE) AS v\(j + 1)")
            transformed.append(try transform(input.transform, of: input.name, value: "v\(j + 1)", dialect: d) + " AS x\(j + 1)")
        }
        script.step("inputs", ["7. Each input's feature value, untransformed."],
                    "SELECT customer_id,\n" + TableEncodingSQL.joinColumns(valueLines) + "\nFROM \(source)")
        script.step("transformed", ["7b. The inputs after their transforms: what the terms bin."],
                    "SELECT *,\n" + TableEncodingSQL.joinColumns(transformed) + "\nFROM inputs")
        let sql = AdditiveTermSQL(model: terms, dialect: d)
        script.step("bins", ["8. Each term's bin along each of its inputs, from the model's cut points (x ≤ cut point k: bin k + 1)."],
                    "SELECT *,\n" + TableEncodingSQL.joinColumns(sql.binLines(inputs: (0..<model.inputs.count).map { "x\($0 + 1)" })) + "\nFROM transformed")
        var contributionLines: [String] = []
        for (t, term) in terms.terms.enumerated() {
            contributionLines.append(SQLScript.comment("c\(t + 1): \(term.name), the table entry of the row's cell; w\(t + 1): the cell in words"))
            contributionLines.append(sql.contribution(term: t) + " AS c\(t + 1)")
            contributionLines.append(try sql.condition(term: t) + " AS w\(t + 1)")
        }
        script.step("contributions", ["8b. Each term's contribution to the logit: its table entry at the row's cell (main effects, then pairs)."],
                    "SELECT *,\n" + TableEncodingSQL.joinColumns(contributionLines) + "\nFROM bins")
        let sum = ([d.double(terms.intercept)] + terms.terms.indices.map { "c\($0 + 1)" }).joined(separator: " + ")
        script.step("logits", ["9. The logit: the intercept plus the terms' contributions, in stored order."],
                    "SELECT *, \(sum) AS logit\nFROM contributions")
    }

    /// Steps 10–12: the three reasons and the probability.
    private static func addReasonSteps(model: ChurnModel, dialect d: SQLDialect, to script: inout SQLScript) throws {
        // One contribution per input (linear) or per term (additive).
        let p = model.terms?.termCount ?? model.inputs.count
        // Reasons inside each customer's row (no join, no second pass over the data): the
        // contributions sorted by (−contribution, number), the ones that lower the risk last and unnamed.
        let entries = (1...p).map { k in d.structure(key: "CASE WHEN c\(k) > 0 THEN -c\(k) ELSE 1e0 END", index: "CASE WHEN c\(k) > 0 THEN \(k) ELSE 0 END") }
            + Array(repeating: d.structure(key: "1e0", index: "0"), count: 3)
        script.step("reason_picks", [
            "10. The reasons: the three largest positive contributions, largest first, equal ones in \(model.terms == nil ? "input" : "term") order",
            "    (contributions that lower the risk are never reasons; index 0 = no reason).",
        ], "SELECT *, \(d.sortedArray(entries)) AS picks\nFROM logits")
        var pickLines: [String] = []
        func pick(_ r: Int, _ column: (Int) -> String) -> String {
            "CASE \(d.element("picks", r)).j " + (1...p).map { "WHEN \($0) THEN \(column($0))" }.joined(separator: " ") + " END"
        }
        let names = try model.inputs.map { try d.string($0.column) }
        for r in 1...3 {
            if model.terms != nil {
                pickLines.append(pick(r) { "w\($0)" } + " AS condition_\(r)")
            } else {
                pickLines.append(pick(r) { names[$0 - 1] } + " AS column_\(r)")
                pickLines.append(pick(r) { "v\($0)" } + " AS value_\(r)")
            }
            pickLines.append(pick(r) { "c\($0)" } + " AS contribution_\(r)")
        }
        script.step("reason_values", [model.terms == nil ? "11. Each reason's column, untransformed value and contribution."
                                                         : "11. Each reason's term in words (its cell) and contribution."],
                    "SELECT customer_id, logit,\n" + TableEncodingSQL.joinColumns(pickLines) + "\nFROM reason_picks")
        let texts = (1...3).map { r in
            let value = "value_\(r)", contribution = "contribution_\(r)"
            let contributionText = "CASE WHEN \(contribution) < 0 THEN '' ELSE '+' END || \(fixedTwo(contribution, dialect: d))"
            if model.terms != nil { return "condition_\(r) || ': ' || \(contributionText) AS reason_\(r)" }
            let valueText = "CASE WHEN abs(\(value)) < 1e15 AND \(value) = ROUND(\(value)) THEN CAST(CAST(\(value) AS BIGINT) AS \(d.text)) ELSE \(fixedTwo(value, dialect: d)) END"
            return "column_\(r) || '=' || \(valueText) || ' (' || \(contributionText) || ')' AS reason_\(r)"
        }
        script.step("scored", [
            "12. P(churn) = 1 / (1 + exp(−logit)), branching on the sign so exp never overflows; the reasons as churn score",
            model.terms == nil
                ? "    writes them, `column=value (+contribution)`: whole values without decimals, others and the contribution"
                : "    writes them, `term cell: +contribution`: the cell as `churn explain` names it, the contribution",
            "    with two (half away from zero); NULL when there are fewer than three.",
        ], """
        SELECT customer_id,
          CASE WHEN logit >= 0 THEN 1e0 / (1e0 + exp(-logit)) ELSE exp(logit) / (1e0 + exp(logit)) END AS churn_probability,
        \(texts.map { "  " + $0 }.joined(separator: ",\n"))
        FROM reason_values
        """)
    }

    /// Steps 13–14 (from `firstStep`): rank, decile and band, from `scored` (customer_id,
    /// churn_probability, reason_1…3).
    static func addRankingSteps(dialect d: SQLDialect, bands: RiskBands, firstStep: Int = 13, to script: inout SQLScript) {
        let bandExpression: String
        let bandComment: String
        switch bands {
        case let .probability(high, medium):
            bandComment = "risk_band by probability: ≥ \(NumberText.format(high)) high, ≥ \(NumberText.format(medium)) medium, else low."
            bandExpression = "CASE WHEN churn_probability >= \(d.double(high)) THEN 'high' WHEN churn_probability >= \(d.double(medium)) THEN 'medium' ELSE 'low' END"
        case let .rank(high, medium):
            bandComment = "risk_band by rank: the first ⌊\(NumberText.format(high))·n⌋ high, down to ⌊\(NumberText.format(medium))·n⌋ medium, else low."
            bandExpression = "CASE WHEN rank - 1 < FLOOR(\(d.double(high)) * n) THEN 'high' WHEN rank - 1 < FLOOR(\(d.double(medium)) * n) THEN 'medium' ELSE 'low' END"
        }
        script.step("ordered", [
            "\(firstStep). The ranking of churn score: probability descending; ties by customer id, ids of digits first by number, then by text.",
            "    (One sort of all customers: in Spark a single-partition window over one row per customer.)",
        ], """
        SELECT *,
          ROW_NUMBER() OVER (ORDER BY churn_probability DESC, \(customerOrder("customer_id", dialect: d))) AS rank,
          COUNT(*) OVER () AS n
        FROM scored
        """)
        script.step("ranked", [
            "\(firstStep + 1). decile d holds ranks ⌊(d−1)·n/10⌋ < rank ≤ ⌊d·n/10⌋ (1 = riskiest); \(bandComment)",
        ], """
        SELECT rank, customer_id, churn_probability,
          LEAST(GREATEST(\(d.integerDivide("10 * rank + n - 1", "n")), 1), 10) AS decile,
          \(bandExpression) AS risk_band,
          reason_1, reason_2, reason_3
        FROM ordered
        """)
    }

    /// The transformed input, ChurnKit's ``FeatureTransform`` in SQL.
    static func transform(_ transform: FeatureTransform, of input: String, value v: String, dialect d: SQLDialect) throws -> String {
        // By name, so a transform added to ChurnKit without a SQL translation is an error here, not a wrong query.
        switch transform.rawValue {
        case "identity": return v
        case "log1p": return "(CASE WHEN \(v) >= 0 THEN \(d.log1p(v)) ELSE -\(d.log1p("-\(v)")) END)"
        default: throw SQLExportError.unsupportedTransform(transform: transform.rawValue, input: input, dialect: d)
        }
    }

    /// ``NumberText/fixed(_:_:)`` with two decimals: the cents `ROUND(abs(x) * 100)` as digits;
    /// from 9e18 cents on, the shortest form, as `fixed` falls back to Swift's `description`.
    static func fixedTwo(_ x: String, dialect d: SQLDialect) -> String {
        let cents = "ROUND(abs(\(x)) * 100)"
        let whole = "CAST(\(cents) AS BIGINT)"
        return "(CASE WHEN \(cents) < 9e18 THEN (CASE WHEN \(x) < 0 AND \(cents) > 0 THEN '-' ELSE '' END) || "
            + "CAST(\(d.integerDivide(whole, "100")) AS \(d.text)) || '.' || lpad(CAST(\(whole) % 100 AS \(d.text)), 2, '0') "
            + "ELSE \(d.shortestText(x)) END)"
    }
}
