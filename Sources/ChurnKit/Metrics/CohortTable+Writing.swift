extension CohortTable {
    /// One row per cohort: `cohort`, `customers` (cohort size), then `period_0 … period_M`.
    /// Cells past the end of the log are blank; cohorts with no customers have undefined retention.
    package func table(_ measure: CohortMeasure) -> ReportTable {
        let decimals = measure == .customers ? 0 : (measure == .retention ? 1 : 2)
        var table = ReportTable(columns: [.init("cohort"), .init("customers")] + (0...maxOffset).map { .init("period_\($0)", decimals: decimals) })
        table.notes = ["", "cells: \(measure == .retention ? "% of the cohort with an order" : measure == .customers ? "cohort customers with an order" : "cohort net revenue") "
                       + "in the n-th \(period.rawValue) after acquisition (period_0 = the acquisition \(period.rawValue))"]
        let dense = cohorts.count <= CohortTable.densePeriodLimit
        for cohort in cohorts where dense || cohort.customers > 0 {
            var row: [ReportValue] = [.text(cohort.label), .integer(cohort.customers)]
            for offset in 0...maxOffset {
                guard offset < cohort.activeCustomers.count else { row.append(.blank); continue }
                switch measure {
                case .retention: row.append(.rate(cohort.retention(offset)))
                case .customers: row.append(.integer(cohort.activeCustomers[offset]))
                case .revenue: row.append(.number(cohort.revenue[offset]))
                }
            }
            table.append(row)
        }
        return table
    }
}
