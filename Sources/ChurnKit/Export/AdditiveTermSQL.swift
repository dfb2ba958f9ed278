/// An additive model's terms as SQL: the scorer's table lookups (``AdditiveTerm/cell(_:)`` and
/// ``AdditiveTerm/cellText(_:)``) written from the model file's cut points, tables and texts.
///
/// Each term's input is binned by a `CASE` over its stored cut points, in the order
/// ``InputBinning/bin(_:)`` defines (NULL or NaN → the missing bin 0; `x ≤ edges[0]` → 1; …; above
/// the last → `edges.count + 1`); a pair's cell is `bin₁ · bins₂ + bin₂`, row-major as stored. The
/// contribution is the table entry at that cell and the reason text the cell in words, both read
/// from constant arrays, so the engine adds the very doubles `churn score` adds. Cut points are
/// double literals in round-trip form: a value equal to a cut point falls in the same bin in SQL as
/// in Swift.
struct AdditiveTermSQL {
    let model: AdditiveModel
    let dialect: SQLDialect

    /// The name of term `t`'s bin along axis `a` (one axis for a main effect, two for a pair).
    static func binColumn(term t: Int, axis a: Int) -> String { "b\(t + 1)_\(a + 1)" }

    /// Term `t`'s bin along each axis, from `inputs`: the SQL of each model input after its transform.
    func binLines(inputs: [String]) -> [String] {
        var lines: [String] = []
        for (t, term) in model.terms.enumerated() {
            for (a, binning) in term.binnings.enumerated() {
                lines.append(SQLScript.comment("\(Self.binColumn(term: t, axis: a)): \(term.inputNames[a]) in \(binning.binCount - 1) bins (0 = missing)"))
                lines.append(bin(binning, of: inputs[term.inputIndices[a]]) + " AS " + Self.binColumn(term: t, axis: a))
            }
        }
        return lines
    }

    /// ``InputBinning/bin(_:)`` in SQL.
    func bin(_ binning: InputBinning, of x: String) -> String {
        var text = "CASE WHEN \(x) IS NULL OR isnan(\(x)) THEN 0"
        for (k, edge) in binning.edges.enumerated() { text += " WHEN \(x) <= \(dialect.double(edge)) THEN \(k + 1)" }
        return text + " ELSE \(binning.edges.count + 1) END"
    }

    /// Term `t`'s cell: its bin, or a pair's row-major `bin₁ · bins₂ + bin₂`.
    func cell(term t: Int) -> String {
        let term = model.terms[t]
        if !term.isInteraction { return Self.binColumn(term: t, axis: 0) }
        return "\(Self.binColumn(term: t, axis: 0)) * \(term.binnings[1].binCount) + \(Self.binColumn(term: t, axis: 1))"
    }

    /// Term `t`'s contribution: its table entry at the row's cell.
    func contribution(term t: Int) -> String {
        dialect.lookup(model.terms[t].contributions.map(dialect.double), at: cell(term: t))
    }

    /// Term `t`'s cell in words, as a reason shows it: each axis's condition, joined by ` × `.
    func condition(term t: Int) throws -> String {
        let term = model.terms[t]
        let axes = try term.binnings.indices.map { a in
            let texts = try (0..<term.binnings[a].binCount).map {
                try dialect.string(AdditiveTerm.conditionText(name: term.inputNames[a], binning: term.binnings[a], bin: $0))
            }
            return dialect.lookup(texts, at: Self.binColumn(term: t, axis: a))
        }
        return axes.joined(separator: " || ' × ' || ")
    }
}
