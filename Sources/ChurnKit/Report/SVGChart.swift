import Foundation

/// An accessible chart drawn as inline SVG: line charts (curves, series over time), grouped bar
/// charts, signed horizontal bars (coefficients) and heat maps (cohorts). No script, no external
/// resource: the SVG is text inside the page.
///
/// Every chart has a title (drawn, and as the SVG `<title>`), a description (`<desc>`, also the
/// figure caption), both referenced by `aria-labelledby`/`aria-describedby` with `role="img"`,
/// labelled axes, and a legend whenever more than one series or colour needs explaining. Bars and
/// heat-map cells carry a `<title>` with their exact value (a tooltip, and text for screen
/// readers). All text is escaped (``HTMLText``): category names may be customer data.
///
/// Non-finite values are not drawn (a line breaks there; a bar or cell is left empty).
public struct SVGChart: Sendable {
    /// One curve: points joined in the order given.
    public struct LineSeries: Sendable {
        /// How the curve is drawn: a solid or dashed line (dashed for references such as the diagonal), or markers only.
        public enum Style: Sendable {
            /// A solid line: the data.
            case solid
            /// A dashed line: a reference (the diagonal, a baseline).
            case dashed
            /// Markers without a line: points that are not a sequence.
            case markers
        }
        /// The legend entry.
        public var name: String
        /// The points' x values.
        public var xs: [Double]
        /// The points' y values (as many as `xs`).
        public var ys: [Double]
        /// Solid, dashed or markers.
        public var style: Style

        /// A curve; `xs` and `ys` must have the same length (a programming error otherwise).
        public init(name: String, xs: [Double], ys: [Double], style: Style = .solid) {
            precondition(xs.count == ys.count, "\(xs.count) x values for \(ys.count) y values")
            self.name = name
            self.xs = xs
            self.ys = ys
            self.style = style
        }
    }

    /// One series of bars: a value per category of the chart.
    public struct BarSeries: Sendable {
        /// The legend entry.
        public var name: String
        /// One value per category, in the categories' order.
        public var values: [Double]
        /// A series of bars.
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// What the chart draws.
    public enum Content: Sendable {
        /// Curves. `xLabels`: the x values are indices 0..<n into these labels (periods).
        case lines([LineSeries], x: ClosedRange<Double>? = nil, y: ClosedRange<Double>? = nil, xLabels: [String]? = nil)
        /// Vertical bars, one group per category, one bar per series.
        case bars(categories: [String], series: [BarSeries])
        /// One signed horizontal bar per category (positive red, negative blue), with two legend
        /// entries naming what each sign means.
        case signedBars(categories: [String], values: [Double], positive: String, negative: String)
        /// A grid of values coloured from light (low) to dark (high); nil cells are not observed.
        case heatMap(rows: [String], columns: [String], cells: [[Double?]], valueSuffix: String)
    }

    /// The chart's id in the page (made a safe identifier when drawn).
    public var id: String
    /// Drawn above the chart and written as its SVG `<title>`.
    public var title: String
    /// The text alternative (`<desc>`) and the figure caption.
    public var description: String
    /// The horizontal axis's label.
    public var xLabel: String
    /// The vertical axis's label.
    public var yLabel: String
    /// The series, bars or cells.
    public var content: Content

    /// A chart; nothing is drawn until ``svg()``.
    public init(id: String, title: String, description: String, xLabel: String, yLabel: String, content: Content) {
        self.id = id
        self.title = title
        self.description = description
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.content = content
    }

    static let palette = ["#1f5fa8", "#d9792b", "#2e9e6a", "#8c5bb8", "#c23b4a", "#6b7785"]
    static let reference = "#8a939e"

    /// The `<svg>` element.
    public func svg() -> String {
        var canvas = SVGCanvas(id: HTMLText.identifier(id))
        switch content {
        case let .lines(series, x, y, labels): canvas.drawLines(series, xDomain: x, yDomain: y, xLabels: labels)
        case let .bars(categories, series): canvas.drawBars(categories, series)
        case let .signedBars(categories, values, positive, negative): canvas.drawSignedBars(categories, values, positive, negative)
        case let .heatMap(rows, columns, cells, suffix): canvas.drawHeatMap(rows, columns, cells, suffix)
        }
        let e = HTMLText.escape
        let anchor = HTMLText.identifier(id)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" role=\"img\" viewBox=\"0 0 \(canvas.width) \(canvas.height)\" "
        out += "width=\"\(canvas.width)\" height=\"\(canvas.height)\" aria-labelledby=\"\(anchor)-title\" aria-describedby=\"\(anchor)-desc\" "
        out += "font-family=\"system-ui, 'DejaVu Sans', sans-serif\" font-size=\"12\">\n"
        out += "<title id=\"\(anchor)-title\">\(e(title))</title>\n<desc id=\"\(anchor)-desc\">\(e(description))</desc>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(canvas.width)\" height=\"\(canvas.height)\" fill=\"#ffffff\"/>\n"
        out += "<text class=\"chart-title\" x=\"\(canvas.width / 2)\" y=\"20\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"600\" fill=\"#1d2733\">\(e(title))</text>\n"
        out += canvas.body
        // Centred under the plot, but kept inside the chart when the label is long.
        let half = Double(xLabel.count) * 3.4 + 4
        let labelX = min(max(canvas.plot.midX, half), Double(canvas.width) - half)
        out += "<text class=\"axis-label x-label\" x=\"\(SVGCanvas.f(labelX))\" y=\"\(canvas.height - 8)\" text-anchor=\"middle\" fill=\"#1d2733\">\(e(xLabel))</text>\n"
        out += "<text class=\"axis-label y-label\" transform=\"translate(14 \(SVGCanvas.f(canvas.plot.midY))) rotate(-90)\" text-anchor=\"middle\" fill=\"#1d2733\">\(e(yLabel))</text>\n"
        return out + "</svg>\n"
    }
}
