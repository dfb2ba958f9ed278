extension RiskScorer {
    /// What a reason shows for contribution k of a row: the feature column, its raw value, and
    /// for an additive term its cell in words. Arguments: k, the row's transformed inputs, the
    /// row's raw feature values (indexed by feature-table column).
    typealias ReasonText = (Int, UnsafePointer<Double>, UnsafePointer<Double>) -> (column: String, value: Double, condition: String?)

    /// The scoring loop for any model kind: per row, the inputs transformed into one reused buffer,
    /// the kernel's contributions into another (no allocation in the kernel), the logit, and the
    /// top reasons (``ScoreReasons/top(_:count:)-(UnsafeBufferPointer<Double>,_)``).
    ///
    /// A finite input can still overflow its transform or contribution (exp of a huge value), so
    /// a non-finite logit stops scoring with the customer and the contribution that overflowed.
    func score<Kernel: ScoringKernel>(_ table: FeatureTable, kernel: Kernel, columnIndex: [Int], expectedSpend: [Double]?,
                                      file: String, reason: ReasonText) throws -> [ScoredCustomer] {
        let inputs = model.inputs
        let transforms = inputs.map(\.transform)
        let p = inputs.count, width = table.columnCount
        var scored: [ScoredCustomer] = []
        scored.reserveCapacity(table.rowCount)
        let row = UnsafeMutablePointer<Double>.allocate(capacity: max(p, 1))
        let contributions = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(kernel.termCount, 1))
        defer { row.deallocate(); contributions.deallocate() }
        let shares = UnsafeBufferPointer(rebasing: contributions[0..<kernel.termCount])
        try table.values.withUnsafeBufferPointer { values in
            for i in 0..<table.rowCount {
                let raw = values.baseAddress! + i * width
                for j in 0..<p { row[j] = transforms[j].apply(raw[columnIndex[j]]) }
                let z = kernel.contributions(row, into: contributions.baseAddress!)
                if !z.isFinite {
                    let k = shares.firstIndex(where: { !$0.isFinite }) ?? 0
                    let name = model.terms.map { $0.terms[k].name } ?? inputs[k].name
                    throw NonFiniteValueError(file: file, customer: table.customerIDs[i], column: "logit (from \(name))", value: z)
                }
                let reasons = ScoreReasons.top(shares, count: reasonCount).map { k in
                    let shown = reason(k, row, raw)
                    return ScoreReason(column: shown.column, value: shown.value, contribution: shares[k], condition: shown.condition)
                }
                scored.append(ScoredCustomer(customerID: table.customerIDs[i], row: i, churnProbability: LogisticLoss.sigmoid(z),
                                             logit: z, reasons: reasons, expectedSpend: expectedSpend?[i]))
            }
        }
        return scored
    }
}
