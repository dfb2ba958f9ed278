extension RiskScorer {
    /// What a reason shows for contribution k of a row: the feature column, its raw value, and
    /// for an additive term its cell in words. Arguments: k, the row's transformed inputs, the
    /// row's raw feature values (indexed by feature-table column).
    typealias ReasonText = @Sendable (Int, UnsafePointer<Double>, UnsafePointer<Double>) -> (column: String, value: Double, condition: String?)

    /// A model's kernel bound to a feature table: the one per-row path (inputs transformed into a
    /// reused buffer, the kernel's contributions into another, no allocation in the loop) that
    /// both the full scoring with reasons and the ranking without them run.
    struct BoundKernel<Kernel: ScoringKernel>: Sendable {
        let table: FeatureTable
        let kernel: Kernel
        let transforms: [FeatureTransform]
        /// Feature-table column of each model input.
        let columnIndex: [Int]
        /// The name of contribution k, for errors.
        let termNames: [String]
        let reasonCount: Int
        let reason: ReasonText

        /// Calls `body(i, logit, transformed row, raw row, contributions)` for every row in order.
        ///
        /// A finite input can still overflow its transform or contribution (exp of a huge value),
        /// so a non-finite logit stops scoring with the customer and the contribution that overflowed.
        func forEachRow(file: String,
                        _ body: (Int, Double, UnsafePointer<Double>, UnsafePointer<Double>, UnsafeBufferPointer<Double>) throws -> Void) throws {
            let p = transforms.count, width = table.columnCount
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
                        throw NonFiniteValueError(file: file, customer: table.customerIDs[i], column: "logit (from \(termNames[k]))", value: z)
                    }
                    try body(i, z, row, raw, shares)
                }
            }
        }

        /// The top reasons of a row from its transformed inputs and contributions
        /// (``ScoreReasons/top(_:count:)-(UnsafeBufferPointer<Double>,_)``).
        func reasons(_ row: UnsafePointer<Double>, _ raw: UnsafePointer<Double>, _ shares: UnsafeBufferPointer<Double>) -> [ScoreReason] {
            ScoreReasons.top(shares, count: reasonCount).map { k in
                let shown = reason(k, row, raw)
                return ScoreReason(column: shown.column, value: shown.value, contribution: shares[k], condition: shown.condition)
            }
        }

        /// The reasons of row `i` alone, recomputed through the same path (the risk list asks
        /// only for the rows it shows or writes).
        func reasons(row i: Int) -> [ScoreReason] {
            let p = transforms.count, width = table.columnCount
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(p, 1)) { row in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: max(kernel.termCount, 1)) { contributions in
                    table.values.withUnsafeBufferPointer { values in
                        let raw = values.baseAddress! + i * width
                        for j in 0..<p { row[j] = transforms[j].apply(raw[columnIndex[j]]) }
                        _ = kernel.contributions(UnsafePointer(row.baseAddress!), into: contributions.baseAddress!)
                        return reasons(UnsafePointer(row.baseAddress!), raw, UnsafeBufferPointer(rebasing: contributions[0..<kernel.termCount]))
                    }
                }
            }
        }

        /// One ``ScoredCustomer`` per row, reasons included.
        func scoredCustomers(expectedSpend: [Double]?, file: String) throws -> [ScoredCustomer] {
            var scored: [ScoredCustomer] = []
            scored.reserveCapacity(table.rowCount)
            try forEachRow(file: file) { i, z, row, raw, shares in
                scored.append(ScoredCustomer(customerID: table.customerIDs[i], row: i, churnProbability: LogisticLoss.sigmoid(z),
                                             logit: z, reasons: reasons(row, raw, shares), expectedSpend: expectedSpend?[i]))
            }
            return scored
        }

        /// The ranked list, probabilities and logits only; reasons are computed for the rows
        /// that are read (``RiskList/reasons(at:)``).
        func riskList(expectedSpend: [Double]?, file: String, modelID: String, scoredAt: String, bands: RiskBands) throws -> RiskList {
            var logits = [Double](repeating: 0, count: table.rowCount)
            try logits.withUnsafeMutableBufferPointer { out in
                try forEachRow(file: file) { i, z, _, _, _ in out[i] = z }
            }
            let probabilities = logits.map { LogisticLoss.sigmoid($0) }
            let bound = self
            return RiskList(customerIDs: table.customerIDs, probabilities: probabilities, logits: logits, tableRows: nil,
                            expectedSpend: expectedSpend, reasons: .computed { bound.reasons(row: $0) }, modelID: modelID,
                            scoredAt: scoredAt, bands: bands)
        }
    }
}
