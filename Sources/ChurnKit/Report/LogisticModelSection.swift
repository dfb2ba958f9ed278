import Foundation

/// The model section for a logistic regression: what it is, its inputs, the coefficients as
/// importance, the training report and its diagnostics in words.
///
/// Importance is the size of the standardized coefficient, `|β̃ⱼ|`: the change in log-odds of
/// churn for one standard deviation of the input, so inputs on different scales compare. The
/// share column is `|β̃ⱼ| / Σ|β̃|`. (Correlated inputs share their effect, which the collinearity
/// diagnostic names.)
public struct LogisticModelSection: ReportSection {
    /// The model explained.
    public var model: ChurnModel
    public var id: String { "model" }
    public var title: String { "The model" }

    /// The section for `model`.
    public init(model: ChurnModel) { self.model = model }

    public func render(into document: inout HTMLDocument) {
        overview(into: &document)
        coefficients(into: &document)
        inputs(into: &document)
        trainingReport(into: &document)
    }

    /// What was trained on what, and the stored evaluation.
    private func overview(into document: inout HTMLDocument) {
        let h = model.hyperParameters, data = model.trainingData, spec = model.featureSpec
        var facts: [(String, String)] = [
            ("model", "logistic regression"),
            ("model id", model.modelID),
            ("inputs", String(model.inputs.count)),
            ("training rows", String(data.rows)),
            ("churned in training", "\(data.positives) (\(NumberText.fixed(100 * Double(data.positives) / Double(max(data.rows, 1)), 1))%)"),
            ("C · l1_ratio", "\(NumberText.format(h.C)) · \(NumberText.format(h.l1Ratio))"),
        ]
        if let evaluation = model.evaluation, let auc = evaluation["roc_auc"] { facts.append(("stored roc_auc", NumberText.fixed(auc, 4))) }
        document.facts(facts)
        switch spec.inputKind {
        case .transactions:
            if let t = spec.transactions {
                let cutoffs = t.trainingCutoffs
                let span = cutoffs.count == 1 ? "cut-off \(cutoffs[0])" : "\(cutoffs.count) rolling cut-offs from \(cutoffs.first!) to \(cutoffs.last!)"
                document.paragraph("Trained on the transaction log \(data.file): features as of each cut-off, churned = no purchase in the \(t.horizonDays) days after it (\(span)). Class weight \(h.classWeight.rawValue); inputs standardized: \(h.standardize ? "yes" : "no").")
            }
        case .table:
            if let encoding = spec.table {
                document.paragraph("Trained on the labelled table \(data.file): churned = column '\(encoding.labelColumn)' equal to '\(encoding.positiveLabel)'; numeric columns as they are, text columns one-hot, missing cells filled with the training median plus a _missing indicator. Class weight \(h.classWeight.rawValue); inputs standardized: \(h.standardize ? "yes" : "no").")
            }
        }
        if let kind = model.evaluationKind, let evaluation = model.evaluation {
            let shown = ["roc_auc", "average_precision", "log_loss", "brier_score"].compactMap { name in evaluation[name].map { "\(name) \(NumberText.fixed($0, 4))" } }
            document.paragraph("Stored evaluation (\(kind)): \(shown.joined(separator: ", ")).", className: "note")
        }
    }

    /// The standardized coefficients as signed bars, their table, the training history and the intercept.
    private func coefficients(into document: inout HTMLDocument) {
        let h = model.hyperParameters
        document.heading("Coefficients and importance")
        document.beginGrid()
        let order = model.coefficients.indices.sorted { abs(model.coefficients[$0].standardized) > abs(model.coefficients[$1].standardized) }
        let total = model.coefficients.reduce(0) { $0 + abs($1.standardized) }
        let chart = SVGChart(
            id: "coefficients", title: "What drives churn risk (standardized coefficients)",
            description: "Each bar is one model input's coefficient on the standardized scale: the change in the log-odds of churn for one standard deviation more of the input, largest effect first. Red bars raise the churn risk, blue bars lower it.",
            xLabel: "change in log-odds of churn per standard deviation", yLabel: "",
            content: .signedBars(categories: order.map { model.coefficients[$0].input }, values: order.map { model.coefficients[$0].standardized },
                                 positive: "raises churn risk", negative: "lowers churn risk"))
        let optional: (Double?, Int) -> String = { value, decimals in value.map { NumberText.fixed($0, decimals) } ?? "—" }
        let rows = order.map { j -> [String] in
            let c = model.coefficients[j]
            return [c.input, NumberText.fixed(c.standardized, 4), optional(c.standardError, 4), optional(c.pValue, 3),
                    Self.compact(c.original), NumberText.fixed(total > 0 ? 100 * abs(c.standardized) / total : 0, 1) + "%"]
        }
        document.figure(chart, table: HTMLTable(caption: "Coefficients, largest |standardized coefficient| first",
                                                headers: ["input", "coef (standardized)", "std err", "P>|z|", "coef (per unit)", "importance share"],
                                                rows: rows))
        trainingHistory(into: &document)
        document.endGrid()
        document.paragraph("Intercept \(NumberText.fixed(model.intercept.standardized, 4)) (standardized scale), \(Self.compact(model.intercept.original)) (per unit). \(h.C < 1e6 && h.l1Ratio == 0 ? "Standard errors include the L2 penalty, so they are approximate." : h.l1Ratio > 0 ? "No standard errors with an L1 penalty." : "")", className: "note")

    }

    /// Each input with its transform, training range and definition.
    private func inputs(into document: inout HTMLDocument) {
        let spec = model.featureSpec
        document.heading("Inputs")
        let definitions = spec.transactions?.definitions ?? [:]
        let inputRows = model.inputs.enumerated().map { (j, input) -> [String] in
            let range = model.inputRanges.map { r -> String in
                let shown = { (v: Double) in NumberText.fixed(input.transform.inverse(v), 2) }
                return "\(shown(r[j].minimum)) … \(shown(r[j].maximum))"
            } ?? "—"
            let definition = definitions[input.column] ?? (spec.inputKind == .table ? Self.tableDefinition(input.column, spec.table) : "")
            return [input.name, input.transform == .identity ? "as is" : input.transform.rawValue, range, definition]
        }
        document.table(HTMLTable(caption: "Model inputs in coefficient order, with the range each took in training", headers: ["input", "transform", "training range", "definition"],
                                 rows: inputRows, numericColumns: []))
        if !spec.droppedInputs.isEmpty {
            document.paragraph("Dropped in training because they never varied: \(spec.droppedInputs.joined(separator: ", ")).", className: "warning")
        }

    }

    /// The solver's report and the diagnostics.
    private func trainingReport(into document: inout HTMLDocument) {
        document.heading("Training report")
        let report = model.trainingReport
        document.facts([("solver", report.solver.rawValue), ("converged", report.converged ? "yes" : "no"), ("iterations", String(report.iterations)),
                        ("objective", NumberText.fixed(report.objective, 4)), ("max |gradient|", String(format: "%.2e", report.gradientMaxNorm)),
                        ("wall time", NumberText.fixed(report.seconds, 3) + " s")])
        document.paragraph("Stopping rule: \(report.stoppingRule). \(report.message)", className: "note")
        document.heading("Diagnostics")
        var findings = report.diagnostics
        if !report.converged { findings.insert("The solver did not converge: the coefficients may still move. Raise the iteration limit (maxIterations) or check the diagnostics below.", at: 0) }
        if findings.isEmpty {
            document.paragraph("No problems found: the solver converged, and the checks for separation (an input that predicts churn almost perfectly), collinearity (inputs that are combinations of others) and badly scaled inputs found nothing.")
        } else {
            document.list(findings, className: "findings")
        }
    }

    /// The objective after each iteration, beside the coefficients.
    func trainingHistory(into document: inout HTMLDocument) {
        let report = model.trainingReport
        if report.objectiveHistory.count >= 2 {
            let history = report.objectiveHistory
            let chart = SVGChart(id: "objective-history", title: "Training objective by iteration",
                                 description: "The penalized log loss the solver minimized, after each iteration; a curve that flattens out means the solver converged.",
                                 xLabel: "iteration", yLabel: "objective",
                                 content: .lines([.init(name: "objective", xs: history.indices.map(Double.init), ys: history, style: history.count <= 40 ? .markers : .solid)],
                                                 y: SVGCanvas.padded(history.min()!, history.max()!)))
            document.figure(chart, table: HTMLTable(caption: "Objective after each iteration", headers: ["iteration", "objective"],
                                                    rows: history.enumerated().map { [String($0.offset), NumberText.format($0.element)] }))
        }
    }

    static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5) { return String(format: "%.3e", value) }
        return NumberText.fixed(value, 5)
    }

    static func tableDefinition(_ column: String, _ encoding: TableEncoding?) -> String {
        guard let encoding else { return "" }
        for source in encoding.columns {
            switch source {
            case let .numeric(name, fill, indicator):
                if column == name { return "numeric column '\(name)'" + (indicator ? ", missing cells filled with \(NumberText.format(fill))" : "") }
                if column == name + "_missing" { return "1 when '\(name)' was missing" }
            case let .categorical(name, levels, otherLevel, _):
                guard column.hasPrefix(name + "=") else { continue }
                let level = String(column.dropFirst(name.count + 1))
                if levels.contains(level) { return "1 when '\(name)' is '\(level)'" }
                if level == otherLevel {
                    return "1 when '\(name)' is none of its \(levels.count) own levels (a level rare in training, or unseen)"
                }
            }
        }
        return ""
    }
}
