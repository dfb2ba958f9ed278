/// How good the model is on labelled data: the metrics table, ROC and precision-recall curves,
/// gains and lift by decile, calibration with the expected calibration error, and the
/// cross-validation folds when there are any.
public struct EvaluationSection: ReportSection {
    /// The metrics, curves and tables shown.
    public var report: EvaluationReport
    /// How the predictions were obtained, in words (out-of-fold, in-sample, out-of-time).
    public var provenance: String
    /// Per-fold results when the report is cross-validated, shown as a table.
    public var folds: [CrossValidationResult.FoldSummary]?
    public var id: String { "evaluation" }
    public var title: String { "Evaluation" }

    /// The section; `provenance` says where the predictions come from.
    public init(report: EvaluationReport, provenance: String, folds: [CrossValidationResult.FoldSummary]? = nil) {
        self.report = report
        self.provenance = provenance
        self.folds = folds
    }

    static func percent(_ value: Double) -> String { value.isFinite ? NumberText.fixed(100 * value, 1) + "%" : "n/a" }
    static func number(_ value: Double, _ decimals: Int = 4) -> String { value.isFinite ? NumberText.fixed(value, decimals) : "n/a" }

    public func render(into document: inout HTMLDocument) {
        let m = report.metrics
        document.paragraph(provenance)
        document.facts([("rows", String(m.rows)), ("churn rate", Self.percent(baseRate)), ("roc_auc", Self.number(m.rocAUC)),
                        ("average precision", Self.number(m.averagePrecision)), ("log loss", Self.number(m.logLoss)),
                        ("top-decile lift", Self.number(m.topDecileLift, 2)), ("ECE", Self.number(report.calibration.expectedCalibrationError))])
        for warning in m.warnings + report.gains.warnings + report.calibration.warnings { document.paragraph("warning: \(warning)", className: "warning") }
        document.beginGrid()
        rocFigure(into: &document)
        precisionRecallFigure(into: &document)
        gainsFigure(into: &document)
        liftFigure(into: &document)
        calibrationFigure(into: &document)
        foldFigure(into: &document)
        document.endGrid()
        metricsTable(into: &document)
    }

    /// The churn rate of the evaluated rows (weighted), the precision of a random ranking.
    private var baseRate: Double {
        let m = report.metrics
        return m.totalWeight > 0 ? m.positives / m.totalWeight : .nan
    }

    /// ROC curve, drawn from up to 400 points, tabulated at about 20.
    private func rocFigure(into document: inout HTMLDocument) {
        let m = report.metrics
        let roc = report.roc
        let rocDrawn = CurveSampling.indices(xs: roc.falsePositiveRates, ys: roc.truePositiveRates, maxPoints: 400)
        let rocShown = CurveSampling.indices(xs: roc.falsePositiveRates, ys: roc.truePositiveRates, maxPoints: 21)
        document.figure(SVGChart(
            id: "roc", title: "ROC curve (AUC \(Self.number(m.rocAUC)))",
            description: "Share of churners caught (true-positive rate) against share of non-churners wrongly flagged (false-positive rate) as the probability threshold falls. The dashed diagonal is a random ranking; the further the curve bows to the top left, the better the ranking.",
            xLabel: "false-positive rate", yLabel: "true-positive rate",
            content: .lines([.init(name: "model", xs: rocDrawn.map { roc.falsePositiveRates[$0] }, ys: rocDrawn.map { roc.truePositiveRates[$0] }),
                             .init(name: "random ranking", xs: [0, 1], ys: [0, 1], style: .dashed)], x: 0...1, y: 0...1)),
            table: HTMLTable(caption: "ROC points (a sample along the curve)", headers: ["threshold", "false-positive rate", "true-positive rate"],
                             rows: rocShown.map { [roc.thresholds[$0].isFinite ? NumberText.fixed(roc.thresholds[$0], 4) : "+∞",
                                                   Self.number(roc.falsePositiveRates[$0]), Self.number(roc.truePositiveRates[$0])] }))
    }

    /// Precision-recall curve with the churn rate as the random baseline.
    private func precisionRecallFigure(into document: inout HTMLDocument) {
        let m = report.metrics
        let pr = report.precisionRecall
        let prDrawn = CurveSampling.indices(xs: pr.recalls, ys: pr.precisions, maxPoints: 400)
        let prShown = CurveSampling.indices(xs: pr.recalls, ys: pr.precisions, maxPoints: 21)
        document.figure(SVGChart(
            id: "precision-recall", title: "Precision-recall curve (AP \(Self.number(m.averagePrecision)))",
            description: "Of the customers flagged at each threshold, the share who did churn (precision), against the share of all churners flagged (recall). The dashed line is the churn rate, the precision of flagging at random.",
            xLabel: "recall (share of churners flagged)", yLabel: "precision (share of flagged who churned)",
            content: .lines([.init(name: "model", xs: prDrawn.map { pr.recalls[$0] }, ys: prDrawn.map { pr.precisions[$0] }),
                             .init(name: "churn rate (random)", xs: [0, 1], ys: [baseRate, baseRate], style: .dashed)], x: 0...1, y: 0...1)),
            table: HTMLTable(caption: "Precision-recall points (a sample along the curve)", headers: ["threshold", "recall", "precision"],
                             rows: prShown.map { [NumberText.fixed(pr.thresholds[$0], 4), Self.number(pr.recalls[$0]), Self.number(pr.precisions[$0])] }))
    }

    /// Cumulative gains by decile.
    private func gainsFigure(into document: inout HTMLDocument) {
        let gains = report.gains.rows
        let contacted = [0.0] + gains.indices.map { Double($0 + 1) * 100 / Double(gains.count) }
        document.figure(SVGChart(
            id: "gains", title: "Cumulative gains",
            description: "Contacting the riskiest customers first: the share of all churners reached after contacting each tenth of the customers. The dashed diagonal is contacting at random.",
            xLabel: "customers contacted, riskiest first (%)", yLabel: "churners reached (%)",
            content: .lines([.init(name: "model", xs: contacted, ys: [0] + gains.map { 100 * $0.cumulativeCapture }, style: .markers),
                             .init(name: "random", xs: [0, 100], ys: [0, 100], style: .dashed)], x: 0...100, y: 0...100)),
            table: HTMLTable(caption: "Gains by decile (1 = highest risk)", headers: ["decile", "customers", "churners", "churn rate", "captured", "cumulative captured"],
                             rows: gains.map { [String($0.decile), NumberText.format($0.customers), NumberText.format($0.churners), Self.percent($0.churnRate),
                                                Self.percent($0.captureRate), Self.percent($0.cumulativeCapture)] }))
    }

    /// Lift and cumulative lift by decile.
    private func liftFigure(into document: inout HTMLDocument) {
        let gains = report.gains.rows
        document.figure(SVGChart(
            id: "lift", title: "Lift by decile",
            description: "How many times the average churn rate each risk decile shows (lift), and the deciles up to it together (cumulative lift); 1 is no better than random.",
            xLabel: "risk decile (1 = highest risk)", yLabel: "lift (× average churn rate)",
            content: .bars(categories: gains.map { String($0.decile) },
                           series: [.init(name: "lift", values: gains.map(\.lift)), .init(name: "cumulative lift", values: gains.map(\.cumulativeLift))])),
            table: HTMLTable(caption: "Lift by decile", headers: ["decile", "churn rate", "lift", "cumulative lift", "probabilities"],
                             rows: gains.map { [String($0.decile), Self.percent($0.churnRate), Self.number($0.lift, 2), Self.number($0.cumulativeLift, 2),
                                                "\(Self.number($0.minProbability, 3)) – \(Self.number($0.maxProbability, 3))"] }))
    }

    /// Observed churn rate against mean prediction per bin, with the ECE.
    private func calibrationFigure(into document: inout HTMLDocument) {
        let calibration = report.calibration
        let filled = calibration.bins.filter { $0.count > 0 }
        document.figure(SVGChart(
            id: "calibration", title: "Calibration (ECE \(Self.number(calibration.expectedCalibrationError)))",
            description: "For customers grouped by predicted churn probability (\(calibration.strategy.rawValue) bins), the churn rate that was observed against the mean prediction. Points on the dashed diagonal are perfectly calibrated; the expected calibration error (ECE) is the customer-weighted mean distance from it.",
            xLabel: "mean predicted churn probability", yLabel: "observed churn rate",
            content: .lines([.init(name: "model", xs: filled.map(\.meanPredicted), ys: filled.map(\.observedRate), style: .markers),
                             .init(name: "perfect calibration", xs: [0, 1], ys: [0, 1], style: .dashed)], x: 0...1, y: 0...1)),
            table: HTMLTable(caption: "Calibration bins", headers: ["bin", "rows", "mean predicted", "observed rate", "gap"],
                             rows: calibration.bins.map { bin in
                                 ["\(NumberText.fixed(bin.lower, 2))–\(NumberText.fixed(bin.upper, 2))", String(bin.count), Self.number(bin.meanPredicted),
                                  Self.number(bin.observedRate), Self.number(bin.observedRate - bin.meanPredicted)]
                             }))
    }

    /// AUC per cross-validation fold, when the report is cross-validated.
    private func foldFigure(into document: inout HTMLDocument) {
        if let folds, !folds.isEmpty {
            let mean = folds.map(\.rocAUC).reduce(0, +) / Double(folds.count)
            document.figure(SVGChart(
                id: "cv-folds", title: "Cross-validation: AUC by fold (mean \(Self.number(mean)))",
                description: "The ROC AUC of each fold's model on the rows it did not see. Similar bars mean the estimate is stable across splits of the data.",
                xLabel: "fold", yLabel: "roc_auc",
                content: .bars(categories: folds.map { "fold \($0.fold)" }, series: [.init(name: "roc_auc", values: folds.map(\.rocAUC))])),
                table: HTMLTable(caption: "Cross-validation folds", headers: ["fold", "training rows", "test rows", "roc_auc", "log loss", "converged"],
                                 rows: folds.map { [String($0.fold), String($0.trainingRows), String($0.testRows), Self.number($0.rocAUC),
                                                    Self.number($0.logLoss), $0.converged ? "yes" : "no"] }))
        }
    }

    /// Every metric by name, with the ECE.
    private func metricsTable(into document: inout HTMLDocument) {
        let m = report.metrics
        let calibration = report.calibration
        document.heading("Metrics")
        var rows = m.namedValues.map { [$0.name, Self.number($0.value)] }
        rows.append(["expected_calibration_error", Self.number(calibration.expectedCalibrationError)])
        document.table(HTMLTable(caption: "Metrics (accuracy, precision, recall and F1 at threshold \(NumberText.format(m.threshold)))",
                                 headers: ["metric", "value"], rows: rows))
    }
}
