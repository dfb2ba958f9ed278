/// Retention metrics over time and the acquisition-cohort heat map, from a transaction log.
///
/// A labelled table (one row per customer, no dates) has neither: the section then says so
/// instead of drawing empty charts.
public struct RetentionSection: ReportSection {
    /// The retention metrics of the log; nil when unavailable.
    public var metrics: RetentionReport?
    /// The monthly cohort table; nil when unavailable.
    public var cohorts: CohortTable?
    /// Why there are no metrics (when `metrics` is nil).
    public var unavailableReason: String
    public var id: String { "retention" }
    public var title: String { "Retention and cohorts" }

    /// The section; with neither metrics nor cohorts it shows `unavailableReason`.
    public init(metrics: RetentionReport?, cohorts: CohortTable?, unavailableReason: String = "") {
        self.metrics = metrics
        self.cohorts = cohorts
        self.unavailableReason = unavailableReason
    }

    static func rate(_ value: Double?) -> String { value.map { NumberText.fixed($0, 2) } ?? "n/a" }

    public func render(into document: inout HTMLDocument) {
        guard let metrics, !metrics.periods.isEmpty else {
            document.paragraph(unavailableReason.isEmpty ? "No retention metrics: the log has no orders." : unavailableReason, className: "note")
            return
        }
        let periods = metrics.periods
        let labels = periods.map(\.label)
        let indices = periods.indices.map(Double.init)
        document.paragraph("Per \(metrics.period.rawValue), from the transaction log: a customer is active while their last order is less than \(metrics.activeWindowDays) days old. Retention rate = (active at the end − new) / active at the start; churn rate = lost / active at the start. \(metrics.customers) customers, \(metrics.orders) orders, \(metrics.hasAmounts ? "revenue \(NumberText.fixed(metrics.revenue, 2))" : "no amounts in the log (no revenue chart)").", className: "note")
        document.beginGrid()
        document.figure(SVGChart(
            id: "retention-rates", title: "Retention and churn rate per \(metrics.period.rawValue)",
            description: "The customer retention rate and churn rate of each \(metrics.period.rawValue), in percent. The first \(metrics.period.rawValue) has no customers at its start, so both are undefined there and not drawn.",
            xLabel: metrics.period.rawValue, yLabel: "% of customers active at the start",
            content: .lines([.init(name: "retention rate", xs: indices, ys: periods.map { $0.retentionRate ?? .nan }),
                             .init(name: "churn rate", xs: indices, ys: periods.map { $0.churnRate ?? .nan })],
                            x: -0.5...(Double(periods.count) - 0.5), xLabels: labels)),
            table: HTMLTable(caption: "Retention per \(metrics.period.rawValue)", headers: [metrics.period.rawValue, "active at start", "new", "lost", "reactivated", "active at end", "retention rate %", "churn rate %"],
                             rows: periods.map { [$0.label, String($0.customersStart), String($0.newCustomers), String($0.lostCustomers), String($0.reactivatedCustomers),
                                                  String($0.customersEnd), Self.rate($0.retentionRate), Self.rate($0.churnRate)] }))
        document.figure(SVGChart(
            id: "active-customers", title: "Active and new customers per \(metrics.period.rawValue)",
            description: "Customers active at the end of each \(metrics.period.rawValue), and those whose first order fell in it.",
            xLabel: metrics.period.rawValue, yLabel: "customers",
            content: .bars(categories: labels, series: [.init(name: "active at end", values: periods.map { Double($0.customersEnd) }),
                                                        .init(name: "new", values: periods.map { Double($0.newCustomers) })])),
            table: HTMLTable(caption: "Active and new customers", headers: [metrics.period.rawValue, "active at end", "new", "buyers", "orders"],
                             rows: periods.map { [$0.label, String($0.customersEnd), String($0.newCustomers), String($0.buyers), String($0.orders)] }))
        // A log read without amounts has no revenue: a chart of zeros would read as a shop that sold nothing.
        if metrics.hasAmounts { document.figure(SVGChart(
            id: "revenue", title: "Revenue per \(metrics.period.rawValue)",
            description: "Net revenue (refunds subtracted) of each \(metrics.period.rawValue), and the part of the previous \(metrics.period.rawValue)'s buyers' revenue that was retained (net revenue retention, as revenue).",
            xLabel: metrics.period.rawValue, yLabel: "revenue",
            content: .bars(categories: labels, series: [.init(name: "revenue", values: periods.map(\.revenue)),
                                                        .init(name: "from the previous period's buyers", values: periods.map(\.retainedRevenue))])),
            table: HTMLTable(caption: "Revenue", headers: [metrics.period.rawValue, "revenue", "from previous buyers", "revenue churn %", "net revenue retention %"],
                             rows: periods.map { [$0.label, NumberText.fixed($0.revenue, 2), NumberText.fixed($0.retainedRevenue, 2), Self.rate($0.revenueChurn),
                                                  Self.rate($0.netRevenueRetention)] })) }
        document.endGrid()
        if let cohorts {
            let acquired = cohorts.cohorts.filter { $0.customers > 0 }
            let offsets = 0...cohorts.maxOffset
            let columns = offsets.map { "+\($0)" }
            let cells = acquired.map { cohort in offsets.map { cohort.retention($0) } }
            document.figure(SVGChart(
                id: "cohorts", title: "Cohort retention (% of each cohort ordering)",
                description: "Rows are acquisition cohorts (the \(cohorts.period.rawValue) of a customer's first order); columns are \(cohorts.period.rawValue)s since acquisition. Each cell is the percentage of the cohort that ordered in that \(cohorts.period.rawValue); darker is higher. Empty cells lie after the end of the log.",
                xLabel: "\(cohorts.period.rawValue)s since acquisition", yLabel: "acquisition cohort",
                content: .heatMap(rows: acquired.map(\.label), columns: columns, cells: cells, valueSuffix: "%")),
                table: HTMLTable(caption: "Cohort retention, % of the cohort with an order", headers: ["cohort", "customers"] + columns,
                                 rows: acquired.map { cohort in [cohort.label, String(cohort.customers)] + offsets.map { cohort.retention($0).map { NumberText.fixed($0, 1) } ?? "" } }))
        }
    }
}
