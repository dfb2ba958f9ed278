extension RiskScorer {
    /// Scores with an additive model: each row's inputs (transformed as the model says) are looked
    /// up in every term's table; the contributions plus the intercept are the logit, exactly as
    /// ``AdditiveModel/logit(_:)`` computes it, and a reason names the term's cell in words
    /// (`service_calls ≥ 4 × international_plan = 1: +0.61`).
    func score(_ table: FeatureTable, terms: AdditiveModel, columnIndex: [Int], expectedSpend: [Double]?) -> [ScoredCustomer] {
        let inputs = model.inputs
        let transforms = inputs.map(\.transform)
        let p = inputs.count, width = table.columnCount, t = terms.terms.count
        var scored: [ScoredCustomer] = []
        scored.reserveCapacity(table.rowCount)
        var row = [Double](repeating: 0, count: p)
        var contributions = [Double](repeating: 0, count: t)
        table.values.withUnsafeBufferPointer { values in
            row.withUnsafeMutableBufferPointer { x in
                contributions.withUnsafeMutableBufferPointer { c in
                    for i in 0..<table.rowCount {
                        for j in 0..<p { x[j] = transforms[j].apply(values[i * width + columnIndex[j]]) }
                        let z = terms.contributions(UnsafePointer(x.baseAddress!), into: c.baseAddress!)
                        let reasons = ScoreReasons.top(UnsafeBufferPointer(c), count: reasonCount).map { k in
                            let term = terms.terms[k]
                            let first = term.inputIndices[0]
                            return ScoreReason(column: inputs[first].column, value: values[i * width + columnIndex[first]], contribution: c[k],
                                               condition: term.cellText(term.cell(UnsafePointer(x.baseAddress!))))
                        }
                        scored.append(ScoredCustomer(customerID: table.customerIDs[i], row: i, churnProbability: LogisticLoss.sigmoid(z),
                                                     logit: z, reasons: reasons, expectedSpend: expectedSpend?[i]))
                    }
                }
            }
        }
        return scored
    }
}
