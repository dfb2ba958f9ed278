extension RetentionReport {
    /// One row per period: the counts, then the rates (percentages), revenue and CLV.
    package func table() -> ReportTable {
        var table = ReportTable(columns: [
            .init("period"), .init("start"), .init("end"),
            .init("customers_start"), .init("new_customers"), .init("reactivated_customers"), .init("lost_customers"),
            .init("customers_end"), .init("retention_rate"), .init("churn_rate"),
            .init("buyers"), .init("orders"), .init("repeat_buyers"), .init("repeat_purchase_rate"),
            .init("purchase_frequency", decimals: 3), .init("average_order_value"), .init("revenue"),
            .init("revenue_churn"), .init("net_revenue_retention"), .init("predicted_clv"),
        ], notes: summaryLines)
        for p in periods {
            table.append([
                .text(p.label), .text(p.start.description), .text(p.end.description),
                .integer(p.customersStart), .integer(p.newCustomers), .integer(p.reactivatedCustomers), .integer(p.lostCustomers),
                .integer(p.customersEnd), .rate(p.retentionRate), .rate(p.churnRate),
                .integer(p.buyers), .integer(p.orders), .integer(p.repeatBuyers), .rate(p.repeatPurchaseRate),
                .rate(p.purchaseFrequency), money(p.averageOrderValue), hasAmounts ? .number(p.revenue) : .rate(nil),
                money(p.revenueChurn), money(p.netRevenueRetention), money(predictedLifetimeValue(p)),
            ])
        }
        return table
    }

    /// A value computed from amounts: n/a for a log without them.
    private func money(_ value: Double?) -> ReportValue { .rate(hasAmounts ? value : nil) }

    /// The whole-log totals, for a terminal.
    public var summaryLines: [String] {
        func show(_ value: Double?, _ decimals: Int = 2, suffix: String = "") -> String {
            value.map { NumberText.fixed($0, decimals) + suffix } ?? "n/a"
        }
        func money(_ value: Double?) -> String { hasAmounts ? show(value) : "n/a (no amounts)" }
        return [
            "",
            "customers                \(customers) with an order; \(repeatCustomers) ordered more than once (repeat purchase rate \(show(repeatPurchaseRate, suffix: "%")))",
            "orders, revenue          \(orders) orders, revenue \(money(revenue)) (refunds subtracted)",
            "average order value      \(money(averageOrderValue))",
            "purchase frequency       \(show(purchaseFrequency, 3)) orders per buyer per \(period.rawValue)",
            "churn rate               \(show(churnRate, suffix: "%")) per \(period.rawValue) (Σ lost / Σ S)",
            "historical CLV           \(money(historicalLifetimeValue)) per customer (revenue / customers)",
            "predicted CLV            \(money(predictedLifetimeValue)) = margin \(NumberText.format(lifetimeValue.margin)) × AOV × frequency × (1 + d) / (churn + d), d = \(NumberText.format(lifetimeValue.discountRate)) per \(period.rawValue)",
            "active window            \(activeWindowDays) days; rates in %; n/a = undefined (S = 0, no orders, or no previous revenue)",
        ]
    }
}
