/// lifetimes' two BG/NBD fit checks as charts (``BGNBDFitChecks``): customers by number of
/// repeat purchases, actual against model-expected (`plot_period_transactions`), and, when the
/// log covers a holdout, mean holdout purchases against the model's conditional expectation by
/// calibration frequency (`plot_calibration_purchases_vs_holdout_purchases`).
///
/// For a BG/NBD model the checks are of the model itself; for a logistic model with `bgnbd_*`
/// inputs they are of the BG/NBD fit that computes those inputs.
public struct BGNBDFitCheckSection: ReportSection {
    /// The two tables the charts draw.
    public var checks: BGNBDFitChecks
    /// The end of the calibration period (the holdout follows it).
    public var cutoff: CalendarDay
    /// The fitted parameters the checks are of.
    public var parameters: BGNBDParameters
    /// True when BG/NBD is the whole model, false when it computes a logistic model's inputs.
    public var isWholeModel: Bool
    /// The section's anchor.
    public var id: String { "fit-checks" }
    public var title: String { "BG/NBD fit checks" }

    /// `checks` of `parameters` on a log split at `cutoff`.
    public init(checks: BGNBDFitChecks, cutoff: CalendarDay, parameters: BGNBDParameters, isWholeModel: Bool) {
        self.checks = checks
        self.cutoff = cutoff
        self.parameters = parameters
        self.isWholeModel = isWholeModel
    }

    static func number(_ value: Double, _ decimals: Int) -> String { value.isFinite ? NumberText.fixed(value, decimals) : "n/a" }

    public func render(into document: inout HTMLDocument) {
        let p = parameters
        let which = isWholeModel ? "the model's" : "the BG/NBD fit inside this model (it computes the bgnbd_* inputs): its"
        document.paragraph("How well \(which) parameters (r \(NumberText.fixed(p.r, 4)), α \(NumberText.fixed(p.alpha, 4)), a \(NumberText.fixed(p.a, 4)), b \(NumberText.fixed(p.b, 4))) describe the customers of the log as of \(cutoff), the checks lifetimes plots. Bars or points that follow each other mean the model captures how often customers buy and when they stop.")
        document.beginGrid()
        repeatPurchasesFigure(into: &document)
        if let rows = checks.calibrationVsHoldout, let days = checks.holdoutDays {
            holdoutFigure(rows, days: days, into: &document)
        }
        document.endGrid()
        if checks.calibrationVsHoldout == nil {
            document.paragraph("No calibration-vs-holdout check: the log gives no holdout after \(cutoff).", className: "note")
        }
    }

    func repeatPurchasesFigure(into document: inout HTMLDocument) {
        let rows = checks.repeatPurchases
        let customers = rows.reduce(0) { $0 + $1.customers }
        document.figure(SVGChart(
            id: "bgnbd-repeat-purchases", title: "Customers by number of repeat purchases",
            description: "The \(NumberText.format(Double(customers))) customers with a purchase on or before \(cutoff), grouped by how many repeat purchase days they made up to then (0 = one purchase only; the last group is that many or more), against the number the fitted model expects from each customer's age, Σ P(X(T) = k). Bars of equal height mean the model reproduces the spread of purchase counts.",
            xLabel: "repeat purchases in the calibration period", yLabel: "customers",
            content: .bars(categories: rows.map(\.frequency),
                           series: [.init(name: "actual", values: rows.map(\.actual)), .init(name: "model expected", values: rows.map(\.expected))])),
            table: HTMLTable(caption: "Customers by number of repeat purchases up to \(cutoff): actual and expected by the model",
                             headers: ["repeat purchases", "actual customers", "expected customers", "actual − expected"],
                             rows: rows.map { [$0.frequency, String($0.customers), Self.number($0.expected, 1), Self.number($0.actual - $0.expected, 1)] }))
    }

    func holdoutFigure(_ rows: [BGNBDFitChecks.Row], days: Double, into document: inout HTMLDocument) {
        let n = Double(rows.count)
        let positions = rows.indices.map(Double.init)
        document.figure(SVGChart(
            id: "bgnbd-holdout", title: "Calibration vs holdout purchases (\(NumberText.format(days)) days)",
            description: "Customers grouped by their repeat purchases up to \(cutoff) (the last group is that many or more): the mean number of purchase days they made in the \(NumberText.format(days)) days after it, against the mean the model predicted from the calibration period alone, E[X(T, T + \(NumberText.format(days))) | x, tₓ, T]. Lines that lie on each other mean the model forecasts future purchases well.",
            xLabel: "repeat purchases in the calibration period", yLabel: "mean purchases in the holdout",
            content: .lines([.init(name: "actual (mean)", xs: positions, ys: rows.map(\.actual)),
                             .init(name: "model predicted (mean)", xs: positions, ys: rows.map(\.expected))],
                            x: -0.5...(n - 0.5), xLabels: rows.map(\.frequency))),
            table: HTMLTable(caption: "Mean holdout purchases by calibration repeat purchases: actual and predicted by the model",
                             headers: ["repeat purchases", "customers", "actual mean", "predicted mean", "actual − predicted"],
                             rows: rows.map { [$0.frequency, String($0.customers), Self.number($0.actual, 4), Self.number($0.expected, 4),
                                               Self.number($0.actual - $0.expected, 4)] }))
    }
}
