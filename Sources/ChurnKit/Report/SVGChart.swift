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
    public struct LineSeries: Sendable {
        public enum Style: Sendable { case solid, dashed, markers }
        public var name: String
        public var xs: [Double]
        public var ys: [Double]
        public var style: Style

        public init(name: String, xs: [Double], ys: [Double], style: Style = .solid) {
            precondition(xs.count == ys.count, "\(xs.count) x values for \(ys.count) y values")
            self.name = name
            self.xs = xs
            self.ys = ys
            self.style = style
        }
    }

    public struct BarSeries: Sendable {
        public var name: String
        public var values: [Double]
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

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

    public var id: String
    public var title: String
    public var description: String
    public var xLabel: String
    public var yLabel: String
    public var content: Content

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
        var canvas = Canvas(id: HTMLText.identifier(id))
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
        out += "<text class=\"axis-label x-label\" x=\"\(Canvas.f(labelX))\" y=\"\(canvas.height - 8)\" text-anchor=\"middle\" fill=\"#1d2733\">\(e(xLabel))</text>\n"
        out += "<text class=\"axis-label y-label\" transform=\"translate(14 \(Canvas.f(canvas.plot.midY))) rotate(-90)\" text-anchor=\"middle\" fill=\"#1d2733\">\(e(yLabel))</text>\n"
        return out + "</svg>\n"
    }
}

/// The drawing state of one chart: its size, the plot rectangle and the SVG markup so far.
struct Canvas {
    struct Rect {
        var x: Double, y: Double, width: Double, height: Double
        var midX: Double { x + width / 2 }
        var midY: Double { y + height / 2 }
        var maxX: Double { x + width }
        var maxY: Double { y + height }
    }

    let id: String
    var width = 560
    var height = 360
    var plot = Rect(x: 64, y: 36, width: 476, height: 270)
    var body = ""

    init(id: String) { self.id = id }

    static func f(_ value: Double) -> String { NumberText.fixed(value, 1) }
    static let e = HTMLText.escape

    // MARK: Axes

    /// About `count` round tick values covering [lo, hi].
    static func ticks(_ lo: Double, _ hi: Double, count: Int = 5) -> [Double] {
        guard hi > lo, lo.isFinite, hi.isFinite else { return [lo] }
        let raw = (hi - lo) / Double(count)
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let normalized = raw / magnitude
        let step = (normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10) * magnitude
        var values: [Double] = []
        var t = (lo / step).rounded(.up) * step
        while t <= hi + step * 1e-9 {
            values.append(abs(t) < step * 1e-9 ? 0 : t)
            t += step
        }
        return values
    }

    /// A tick label: thousands as k, millions as M, otherwise as many decimals as the step needs.
    static func tickText(_ value: Double, step: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1_000_000 { return NumberText.fixed(value / 1_000_000, step >= 1_000_000 ? 0 : 1) + "M" }
        if magnitude >= 10_000 { return NumberText.fixed(value / 1000, step >= 1000 ? 0 : 1) + "k" }
        let decimals = step >= 1 ? 0 : min(4, Int((-log10(step)).rounded(.up)))
        return NumberText.fixed(value, decimals)
    }

    static func padded(_ lo: Double, _ hi: Double) -> ClosedRange<Double> {
        guard lo.isFinite, hi.isFinite else { return 0...1 }
        if hi > lo { return lo...hi }
        return (lo - max(abs(lo) * 0.1, 1))...(hi + max(abs(hi) * 0.1, 1))
    }

    mutating func gridAndYAxis(_ y: ClosedRange<Double>, map: (Double) -> Double) {
        let ticks = Canvas.ticks(y.lowerBound, y.upperBound)
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        body += "<g class=\"y-axis\">\n"
        for t in ticks {
            let py = map(t)
            body += "<line x1=\"\(Canvas.f(plot.x))\" x2=\"\(Canvas.f(plot.maxX))\" y1=\"\(Canvas.f(py))\" y2=\"\(Canvas.f(py))\" stroke=\"#e3e8ee\"/>"
            body += "<text x=\"\(Canvas.f(plot.x - 6))\" y=\"\(Canvas.f(py + 4))\" text-anchor=\"end\" fill=\"#5b6675\">\(Canvas.tickText(t, step: step))</text>\n"
        }
        body += "</g>\n"
    }

    mutating func frame() {
        body += "<rect class=\"plot-frame\" x=\"\(Canvas.f(plot.x))\" y=\"\(Canvas.f(plot.y))\" width=\"\(Canvas.f(plot.width))\" height=\"\(Canvas.f(plot.height))\" fill=\"none\" stroke=\"#9aa4af\"/>\n"
    }

    /// Makes room for a legend row between the title and the plot (call before drawing).
    mutating func reserveLegendRow() {
        plot.y += 18
        plot.height -= 18
    }

    /// The legend as one row above the plot, so it never hides data.
    mutating func legendRow(_ entries: [(name: String, color: String, dashed: Bool)]) {
        var x = plot.x
        let y = plot.y - 14
        body += "<g class=\"legend\">"
        for entry in entries {
            let name = Canvas.shortened(entry.name, 40)
            body += "<line x1=\"\(Canvas.f(x))\" x2=\"\(Canvas.f(x + 18))\" y1=\"\(Canvas.f(y))\" y2=\"\(Canvas.f(y))\" stroke=\"\(entry.color)\" stroke-width=\"3\"\(entry.dashed ? " stroke-dasharray=\"5 3\"" : "")/>"
            body += "<text x=\"\(Canvas.f(x + 24))\" y=\"\(Canvas.f(y + 4))\" fill=\"#1d2733\">\(Canvas.e(name))</text>"
            x += 24 + Double(name.count) * 6.6 + 18
        }
        body += "</g>\n"
    }

    static func shortened(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    // MARK: Lines

    mutating func drawLines(_ series: [SVGChart.LineSeries], xDomain: ClosedRange<Double>?, yDomain: ClosedRange<Double>?, xLabels: [String]?) {
        if series.count > 1 { reserveLegendRow() }
        let finite = series.flatMap { s in zip(s.xs, s.ys).filter { $0.0.isFinite && $0.1.isFinite } }
        let x = xDomain ?? Canvas.padded(finite.map(\.0).min() ?? 0, finite.map(\.0).max() ?? 1)
        var y = yDomain ?? Canvas.padded(min(0, finite.map(\.1).min() ?? 0), finite.map(\.1).max() ?? 1)
        if yDomain == nil { let ticks = Canvas.ticks(y.lowerBound, y.upperBound); if let top = ticks.last, top < y.upperBound { y = y.lowerBound...(top + (ticks.count > 1 ? ticks[1] - ticks[0] : 1)) } }
        let area = plot
        let px = { (v: Double) in area.x + (v - x.lowerBound) / (x.upperBound - x.lowerBound) * area.width }
        let frameY = plot
        let py = { (v: Double) in frameY.maxY - (v - y.lowerBound) / (y.upperBound - y.lowerBound) * frameY.height }
        gridAndYAxis(y, map: py)
        // x ticks: numbers, or every k-th label.
        body += "<g class=\"x-axis\">\n"
        if let xLabels, !xLabels.isEmpty {
            let every = max(1, Int((Double(xLabels.count) / 8).rounded(.up)))
            for k in stride(from: 0, to: xLabels.count, by: every) {
                let tx = px(Double(k))
                body += "<line x1=\"\(Canvas.f(tx))\" x2=\"\(Canvas.f(tx))\" y1=\"\(Canvas.f(plot.maxY))\" y2=\"\(Canvas.f(plot.maxY + 4))\" stroke=\"#9aa4af\"/>"
                body += "<text x=\"\(Canvas.f(tx))\" y=\"\(Canvas.f(plot.maxY + 17))\" text-anchor=\"middle\" fill=\"#5b6675\">\(Canvas.e(Canvas.shortened(xLabels[k], 10)))</text>\n"
            }
        } else {
            let ticks = Canvas.ticks(x.lowerBound, x.upperBound)
            let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
            for t in ticks {
                let tx = px(t)
                body += "<line x1=\"\(Canvas.f(tx))\" x2=\"\(Canvas.f(tx))\" y1=\"\(Canvas.f(plot.maxY))\" y2=\"\(Canvas.f(plot.maxY + 4))\" stroke=\"#9aa4af\"/>"
                body += "<text x=\"\(Canvas.f(tx))\" y=\"\(Canvas.f(plot.maxY + 17))\" text-anchor=\"middle\" fill=\"#5b6675\">\(Canvas.tickText(t, step: step))</text>\n"
            }
        }
        body += "</g>\n"
        var entries: [(String, String, Bool)] = []
        var colorIndex = 0
        for s in series {
            let color: String
            if s.style == .dashed { color = SVGChart.reference } else { color = SVGChart.palette[colorIndex % SVGChart.palette.count]; colorIndex += 1 }
            entries.append((s.name, color, s.style == .dashed))
            body += "<g class=\"series\" data-series=\"\(Canvas.e(s.name))\">"
            // Split into runs of finite points.
            var run: [String] = []
            func flush() {
                if run.count > 1 {
                    body += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(s.style == .dashed ? 1.5 : 2.2)\"\(s.style == .dashed ? " stroke-dasharray=\"6 4\"" : "") points=\"\(run.joined(separator: " "))\"/>"
                }
                run.removeAll()
            }
            for (xv, yv) in zip(s.xs, s.ys) {
                guard xv.isFinite, yv.isFinite else { flush(); continue }
                let point = "\(Canvas.f(px(xv))),\(Canvas.f(py(yv)))"
                run.append(point)
                if s.style == .markers || s.xs.count <= 40 && s.style != .dashed {
                    body += "<circle cx=\"\(Canvas.f(px(xv)))\" cy=\"\(Canvas.f(py(yv)))\" r=\"\(s.style == .markers ? 4 : 2.5)\" fill=\"\(color)\"/>"
                }
            }
            flush()
            body += "</g>\n"
        }
        frame()
        if series.count > 1 { legendRow(entries.map { (name: $0.0, color: $0.1, dashed: $0.2) }) }
    }

    // MARK: Bars

    mutating func drawBars(_ categories: [String], _ series: [SVGChart.BarSeries]) {
        if series.count > 1 { reserveLegendRow() }
        let values = series.flatMap(\.values).filter(\.isFinite)
        var y = Canvas.padded(min(0, values.min() ?? 0), max(0, values.max() ?? 1))
        let ticks = Canvas.ticks(y.lowerBound, y.upperBound)
        if let top = ticks.last, top < y.upperBound { y = y.lowerBound...(top + (ticks.count > 1 ? ticks[1] - ticks[0] : 1)) }
        let frameY = plot
        let py = { (v: Double) in frameY.maxY - (v - y.lowerBound) / (y.upperBound - y.lowerBound) * frameY.height }
        gridAndYAxis(y, map: py)
        let group = plot.width / Double(max(categories.count, 1))
        let barWidth = group * 0.78 / Double(max(series.count, 1))
        let labelEvery = max(1, Int((Double(categories.count) / 12).rounded(.up)))
        body += "<g class=\"x-axis\">\n"
        for (k, category) in categories.enumerated() where k % labelEvery == 0 {
            body += "<text x=\"\(Canvas.f(plot.x + group * (Double(k) + 0.5)))\" y=\"\(Canvas.f(plot.maxY + 17))\" text-anchor=\"middle\" fill=\"#5b6675\">\(Canvas.e(Canvas.shortened(category, max(4, Int(group * Double(labelEvery) / 7)))))</text>\n"
        }
        body += "</g>\n"
        for (s, bars) in series.enumerated() {
            let color = SVGChart.palette[s % SVGChart.palette.count]
            body += "<g class=\"series\" data-series=\"\(Canvas.e(bars.name))\">"
            for (k, value) in bars.values.enumerated() where k < categories.count && value.isFinite {
                let x0 = plot.x + group * Double(k) + group * 0.11 + barWidth * Double(s)
                let top = py(max(value, 0)), bottom = py(min(value, 0))
                body += "<rect x=\"\(Canvas.f(x0))\" y=\"\(Canvas.f(top))\" width=\"\(Canvas.f(max(barWidth - 1, 1)))\" height=\"\(Canvas.f(max(bottom - top, 0.5)))\" fill=\"\(color)\"><title>\(Canvas.e(categories[k])) · \(Canvas.e(bars.name)): \(Canvas.e(NumberText.fixed(value, abs(value) >= 100 ? 0 : 3)))</title></rect>"
            }
            body += "</g>\n"
        }
        if y.lowerBound < 0 { body += "<line x1=\"\(Canvas.f(plot.x))\" x2=\"\(Canvas.f(plot.maxX))\" y1=\"\(Canvas.f(py(0)))\" y2=\"\(Canvas.f(py(0)))\" stroke=\"#1d2733\"/>\n" }
        frame()
        if series.count > 1 {
            legendRow(series.enumerated().map { (name: $0.element.name, color: SVGChart.palette[$0.offset % SVGChart.palette.count], dashed: false) })
        }
    }

    mutating func drawSignedBars(_ categories: [String], _ values: [Double], _ positive: String, _ negative: String) {
        let longest = categories.map { min($0.count, 38) }.max() ?? 4
        let left = min(280, 16 + Double(longest) * 6.4)
        height = max(180, 96 + 20 * categories.count)
        plot = Rect(x: left + 24, y: 60, width: Double(width) - left - 24 - 20, height: Double(height) - 60 - 44)
        let finite = values.filter(\.isFinite)
        let extent = max(finite.map(abs).max() ?? 1, 1e-12)
        let x = -extent * 1.05 ... extent * 1.05
        let area = plot
        let px = { (v: Double) in area.x + (v - x.lowerBound) / (x.upperBound - x.lowerBound) * area.width }
        let ticks = Canvas.ticks(x.lowerBound, x.upperBound)
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        body += "<g class=\"x-axis\">\n"
        for t in ticks {
            body += "<line x1=\"\(Canvas.f(px(t)))\" x2=\"\(Canvas.f(px(t)))\" y1=\"\(Canvas.f(plot.y))\" y2=\"\(Canvas.f(plot.maxY))\" stroke=\"#e3e8ee\"/>"
            body += "<text x=\"\(Canvas.f(px(t)))\" y=\"\(Canvas.f(plot.maxY + 15))\" text-anchor=\"middle\" fill=\"#5b6675\">\(Canvas.tickText(t, step: step))</text>\n"
        }
        body += "</g>\n"
        let row = plot.height / Double(max(categories.count, 1))
        body += "<g class=\"series\" data-series=\"coefficients\">"
        for (k, category) in categories.enumerated() {
            let cy = plot.y + row * (Double(k) + 0.5)
            body += "<text x=\"\(Canvas.f(plot.x - 6))\" y=\"\(Canvas.f(cy + 4))\" text-anchor=\"end\" fill=\"#1d2733\">\(Canvas.e(Canvas.shortened(category, 38)))</text>"
            let value = values[k]
            guard value.isFinite else { continue }
            let a = px(min(value, 0)), b = px(max(value, 0))
            body += "<rect x=\"\(Canvas.f(a))\" y=\"\(Canvas.f(cy - row * 0.36))\" width=\"\(Canvas.f(max(b - a, 0.5)))\" height=\"\(Canvas.f(row * 0.72))\" fill=\"\(value >= 0 ? SVGChart.palette[4] : SVGChart.palette[0])\"><title>\(Canvas.e(category)): \(Canvas.e(NumberText.fixed(value, 4)))</title></rect>\n"
        }
        body += "</g>\n"
        body += "<line x1=\"\(Canvas.f(px(0)))\" x2=\"\(Canvas.f(px(0)))\" y1=\"\(Canvas.f(plot.y))\" y2=\"\(Canvas.f(plot.maxY))\" stroke=\"#1d2733\"/>\n"
        frame()
        // Legend above the plot, so it never covers a bar.
        body += "<g class=\"legend\">"
        body += "<rect x=\"\(Canvas.f(plot.x))\" y=\"32\" width=\"14\" height=\"12\" fill=\"\(SVGChart.palette[4])\"/><text x=\"\(Canvas.f(plot.x + 20))\" y=\"42\" fill=\"#1d2733\">\(Canvas.e(positive))</text>"
        let second = plot.x + 40 + Double(min(positive.count, 40)) * 6.4
        body += "<rect x=\"\(Canvas.f(second))\" y=\"32\" width=\"14\" height=\"12\" fill=\"\(SVGChart.palette[0])\"/><text x=\"\(Canvas.f(second + 20))\" y=\"42\" fill=\"#1d2733\">\(Canvas.e(negative))</text>"
        body += "</g>\n"
    }

    // MARK: Heat map

    /// Light blue to dark blue, by `t` in [0, 1].
    static func shade(_ t: Double) -> (fill: String, darkText: Bool) {
        let low = (238.0, 244.0, 251.0), high = (11.0, 61.0, 120.0)
        let c = { (a: Double, b: Double) in Int((a + (b - a) * min(max(t, 0), 1)).rounded()) }
        let hex = String(format: "#%02x%02x%02x", c(low.0, high.0), c(low.1, high.1), c(low.2, high.2))
        return (hex, t < 0.55)
    }

    mutating func drawHeatMap(_ rows: [String], _ columns: [String], _ cells: [[Double?]], _ suffix: String) {
        let cellHeight = max(12, min(26, 360 / Double(max(rows.count, 1))))
        let left = 16 + Double(min(rows.map(\.count).max() ?? 4, 14)) * 7.0
        width = max(560, Int(left) + 30 + columns.count * 30 + 70)
        let cellWidth = (Double(width) - left - 30 - 70) / Double(max(columns.count, 1))
        height = Int(40 + cellHeight * Double(rows.count) + 52)
        plot = Rect(x: left + 30, y: 40, width: cellWidth * Double(columns.count), height: cellHeight * Double(rows.count))
        let values = cells.flatMap { $0.compactMap { $0 } }.filter(\.isFinite)
        let low = values.min() ?? 0, high = values.max() ?? 1
        let span = high > low ? high - low : 1
        let showText = cellWidth >= 26 && cellHeight >= 13
        body += "<g class=\"series\" data-series=\"cells\">\n"
        for (r, rowLabel) in rows.enumerated() {
            let y0 = plot.y + cellHeight * Double(r)
            body += "<text x=\"\(Canvas.f(plot.x - 6))\" y=\"\(Canvas.f(y0 + cellHeight / 2 + 4))\" text-anchor=\"end\" fill=\"#1d2733\">\(Canvas.e(Canvas.shortened(rowLabel, 14)))</text>"
            for (c, value) in cells[r].enumerated() where c < columns.count {
                guard let value, value.isFinite else { continue }
                let x0 = plot.x + cellWidth * Double(c)
                let (fill, darkText) = Canvas.shade((value - low) / span)
                let shown = NumberText.fixed(value, abs(value) >= 100 || suffix.isEmpty ? 0 : 0) + suffix
                body += "<rect x=\"\(Canvas.f(x0))\" y=\"\(Canvas.f(y0))\" width=\"\(Canvas.f(cellWidth - 1))\" height=\"\(Canvas.f(cellHeight - 1))\" fill=\"\(fill)\"><title>\(Canvas.e(rowLabel)), \(Canvas.e(columns[c])): \(Canvas.e(NumberText.fixed(value, 2) + suffix))</title></rect>"
                if showText {
                    body += "<text x=\"\(Canvas.f(x0 + cellWidth / 2))\" y=\"\(Canvas.f(y0 + cellHeight / 2 + 4))\" text-anchor=\"middle\" font-size=\"10\" fill=\"\(darkText ? "#1d2733" : "#ffffff")\">\(Canvas.e(shown))</text>"
                }
            }
            body += "\n"
        }
        body += "</g>\n<g class=\"x-axis\">\n"
        let every = max(1, Int((Double(columns.count) * 34 / plot.width).rounded(.up)))
        for (c, label) in columns.enumerated() where c % every == 0 {
            body += "<text x=\"\(Canvas.f(plot.x + cellWidth * (Double(c) + 0.5)))\" y=\"\(Canvas.f(plot.maxY + 16))\" text-anchor=\"middle\" fill=\"#5b6675\">\(Canvas.e(Canvas.shortened(label, 8)))</text>"
        }
        body += "</g>\n"
        // Colour legend: five swatches from low to high, right of the grid.
        body += "<g class=\"legend\">"
        let lx = plot.maxX + 14
        for k in 0..<5 {
            let t = Double(4 - k) / 4
            let y0 = plot.y + Double(k) * 22
            body += "<rect x=\"\(Canvas.f(lx))\" y=\"\(Canvas.f(y0))\" width=\"14\" height=\"18\" fill=\"\(Canvas.shade(t).fill)\" stroke=\"#d8dee6\"/>"
            body += "<text x=\"\(Canvas.f(lx + 18))\" y=\"\(Canvas.f(y0 + 13))\" font-size=\"10\" fill=\"#1d2733\">\(Canvas.e(NumberText.fixed(low + t * span, 0) + suffix))</text>"
        }
        body += "</g>\n"
    }
}
