
extension AdditiveModel {
    /// Every cell of every term, terms in rank order (mean |contribution| over the training rows).
    public var shapeRows: [TermShapeRow] {
        var out: [TermShapeRow] = []
        for (rank, t) in rankedTerms.enumerated() {
            let term = terms[t]
            let importance = term.meanAbsoluteContribution
            for cell in 0..<term.cellCount {
                // Empty missing cells carry nothing; leave them out of the tables.
                if term.rows[cell] == 0 && term.bins(ofCell: cell).contains(0) { continue }
                out.append(TermShapeRow(term: term.name, rank: rank + 1, importance: importance, cell: cell,
                                        range: term.cellText(cell), contribution: term.contributions[cell], rows: term.rows[cell],
                                        monotone: term.monotone))
            }
        }
        return out
    }

    /// The text `churn explain` prints: the ranking, then each term's shape table.
    public func explanationText() -> String {
        var lines = ["Terms ranked by mean |contribution| over the training rows (logit units; intercept \(NumberText.fixed(intercept, 4))):", ""]
        lines.append("rank  mean |contribution|  term")
        for (rank, t) in rankedTerms.enumerated() {
            lines.append(String(rank + 1).leftPadded(4) + NumberText.fixed(terms[t].meanAbsoluteContribution, 4).leftPadded(21) + "  "
                         + terms[t].name + (terms[t].monotone.map { " (monotone \($0.rawValue))" } ?? "")
                         + (terms[t].roughness.map { " (roughness λ " + $0.map { NumberText.fixed($0, $0 >= 100 ? 0 : $0 >= 1 ? 1 : 3) }.joined(separator: " × ") + ")" } ?? ""))
        }
        let rows = shapeRows, order = rankedTerms
        var current = ""
        for row in rows {
            if row.term != current {
                current = row.term
                lines.append("")
                let constraint = terms[order[row.rank - 1]].monotone.map { " (monotone \($0.rawValue))" } ?? ""
                lines.append("\(row.rank). \(row.term)\(constraint)")
                lines.append("  cell  range".padded(60) + "contribution".leftPadded(13) + "rows".leftPadded(10))
            }
            lines.append((String(row.cell).leftPadded(6) + "  " + row.range).padded(60) + NumberText.fixed(row.contribution, 4).leftPadded(13)
                         + NumberText.format(row.rows).leftPadded(10))
        }
        return lines.joined(separator: "\n")
    }
}
