import Foundation

/// The drawing state of one ``SVGChart``: its size, the plot rectangle and the SVG markup so far,
/// with one drawing routine per chart kind. Coordinates are SVG user units (pixels at 100%).
struct SVGCanvas {
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
        let ticks = SVGCanvas.ticks(y.lowerBound, y.upperBound)
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        body += "<g class=\"y-axis\">\n"
        for t in ticks {
            let py = map(t)
            body += "<line x1=\"\(SVGCanvas.f(plot.x))\" x2=\"\(SVGCanvas.f(plot.maxX))\" y1=\"\(SVGCanvas.f(py))\" y2=\"\(SVGCanvas.f(py))\" stroke=\"#e3e8ee\"/>"
            body += "<text x=\"\(SVGCanvas.f(plot.x - 6))\" y=\"\(SVGCanvas.f(py + 4))\" text-anchor=\"end\" fill=\"#5b6675\">\(SVGCanvas.tickText(t, step: step))</text>\n"
        }
        body += "</g>\n"
    }

    mutating func frame() {
        body += "<rect class=\"plot-frame\" x=\"\(SVGCanvas.f(plot.x))\" y=\"\(SVGCanvas.f(plot.y))\" width=\"\(SVGCanvas.f(plot.width))\" height=\"\(SVGCanvas.f(plot.height))\" fill=\"none\" stroke=\"#9aa4af\"/>\n"
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
            let name = SVGCanvas.shortened(entry.name, 40)
            body += "<line x1=\"\(SVGCanvas.f(x))\" x2=\"\(SVGCanvas.f(x + 18))\" y1=\"\(SVGCanvas.f(y))\" y2=\"\(SVGCanvas.f(y))\" stroke=\"\(entry.color)\" stroke-width=\"3\"\(entry.dashed ? " stroke-dasharray=\"5 3\"" : "")/>"
            body += "<text x=\"\(SVGCanvas.f(x + 24))\" y=\"\(SVGCanvas.f(y + 4))\" fill=\"#1d2733\">\(SVGCanvas.e(name))</text>"
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
        let x = xDomain ?? SVGCanvas.padded(finite.map(\.0).min() ?? 0, finite.map(\.0).max() ?? 1)
        var y = yDomain ?? SVGCanvas.padded(min(0, finite.map(\.1).min() ?? 0), finite.map(\.1).max() ?? 1)
        if yDomain == nil { let ticks = SVGCanvas.ticks(y.lowerBound, y.upperBound); if let top = ticks.last, top < y.upperBound { y = y.lowerBound...(top + (ticks.count > 1 ? ticks[1] - ticks[0] : 1)) } }
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
                body += "<line x1=\"\(SVGCanvas.f(tx))\" x2=\"\(SVGCanvas.f(tx))\" y1=\"\(SVGCanvas.f(plot.maxY))\" y2=\"\(SVGCanvas.f(plot.maxY + 4))\" stroke=\"#9aa4af\"/>"
                body += "<text x=\"\(SVGCanvas.f(tx))\" y=\"\(SVGCanvas.f(plot.maxY + 17))\" text-anchor=\"middle\" fill=\"#5b6675\">\(SVGCanvas.e(SVGCanvas.shortened(xLabels[k], 10)))</text>\n"
            }
        } else {
            let ticks = SVGCanvas.ticks(x.lowerBound, x.upperBound)
            let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
            for t in ticks {
                let tx = px(t)
                body += "<line x1=\"\(SVGCanvas.f(tx))\" x2=\"\(SVGCanvas.f(tx))\" y1=\"\(SVGCanvas.f(plot.maxY))\" y2=\"\(SVGCanvas.f(plot.maxY + 4))\" stroke=\"#9aa4af\"/>"
                body += "<text x=\"\(SVGCanvas.f(tx))\" y=\"\(SVGCanvas.f(plot.maxY + 17))\" text-anchor=\"middle\" fill=\"#5b6675\">\(SVGCanvas.tickText(t, step: step))</text>\n"
            }
        }
        body += "</g>\n"
        var entries: [(String, String, Bool)] = []
        var colorIndex = 0
        for s in series {
            let color: String
            if s.style == .dashed { color = SVGChart.reference } else { color = SVGChart.palette[colorIndex % SVGChart.palette.count]; colorIndex += 1 }
            entries.append((s.name, color, s.style == .dashed))
            body += "<g class=\"series\" data-series=\"\(SVGCanvas.e(s.name))\">"
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
                let point = "\(SVGCanvas.f(px(xv))),\(SVGCanvas.f(py(yv)))"
                run.append(point)
                if s.style == .markers || s.xs.count <= 40 && s.style != .dashed {
                    body += "<circle cx=\"\(SVGCanvas.f(px(xv)))\" cy=\"\(SVGCanvas.f(py(yv)))\" r=\"\(s.style == .markers ? 4 : 2.5)\" fill=\"\(color)\"/>"
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
        var y = SVGCanvas.padded(min(0, values.min() ?? 0), max(0, values.max() ?? 1))
        let ticks = SVGCanvas.ticks(y.lowerBound, y.upperBound)
        if let top = ticks.last, top < y.upperBound { y = y.lowerBound...(top + (ticks.count > 1 ? ticks[1] - ticks[0] : 1)) }
        let frameY = plot
        let py = { (v: Double) in frameY.maxY - (v - y.lowerBound) / (y.upperBound - y.lowerBound) * frameY.height }
        gridAndYAxis(y, map: py)
        let group = plot.width / Double(max(categories.count, 1))
        let barWidth = group * 0.78 / Double(max(series.count, 1))
        let labelEvery = max(1, Int((Double(categories.count) / 12).rounded(.up)))
        body += "<g class=\"x-axis\">\n"
        for (k, category) in categories.enumerated() where k % labelEvery == 0 {
            body += "<text x=\"\(SVGCanvas.f(plot.x + group * (Double(k) + 0.5)))\" y=\"\(SVGCanvas.f(plot.maxY + 17))\" text-anchor=\"middle\" fill=\"#5b6675\">\(SVGCanvas.e(SVGCanvas.shortened(category, max(4, Int(group * Double(labelEvery) / 7)))))</text>\n"
        }
        body += "</g>\n"
        for (s, bars) in series.enumerated() {
            let color = SVGChart.palette[s % SVGChart.palette.count]
            body += "<g class=\"series\" data-series=\"\(SVGCanvas.e(bars.name))\">"
            for (k, value) in bars.values.enumerated() where k < categories.count && value.isFinite {
                let x0 = plot.x + group * Double(k) + group * 0.11 + barWidth * Double(s)
                let top = py(max(value, 0)), bottom = py(min(value, 0))
                body += "<rect x=\"\(SVGCanvas.f(x0))\" y=\"\(SVGCanvas.f(top))\" width=\"\(SVGCanvas.f(max(barWidth - 1, 1)))\" height=\"\(SVGCanvas.f(max(bottom - top, 0.5)))\" fill=\"\(color)\"><title>\(SVGCanvas.e(categories[k])) · \(SVGCanvas.e(bars.name)): \(SVGCanvas.e(NumberText.fixed(value, abs(value) >= 100 ? 0 : 3)))</title></rect>"
            }
            body += "</g>\n"
        }
        if y.lowerBound < 0 { body += "<line x1=\"\(SVGCanvas.f(plot.x))\" x2=\"\(SVGCanvas.f(plot.maxX))\" y1=\"\(SVGCanvas.f(py(0)))\" y2=\"\(SVGCanvas.f(py(0)))\" stroke=\"#1d2733\"/>\n" }
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
        let ticks = SVGCanvas.ticks(x.lowerBound, x.upperBound)
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        body += "<g class=\"x-axis\">\n"
        for t in ticks {
            body += "<line x1=\"\(SVGCanvas.f(px(t)))\" x2=\"\(SVGCanvas.f(px(t)))\" y1=\"\(SVGCanvas.f(plot.y))\" y2=\"\(SVGCanvas.f(plot.maxY))\" stroke=\"#e3e8ee\"/>"
            body += "<text x=\"\(SVGCanvas.f(px(t)))\" y=\"\(SVGCanvas.f(plot.maxY + 15))\" text-anchor=\"middle\" fill=\"#5b6675\">\(SVGCanvas.tickText(t, step: step))</text>\n"
        }
        body += "</g>\n"
        let row = plot.height / Double(max(categories.count, 1))
        body += "<g class=\"series\" data-series=\"coefficients\">"
        for (k, category) in categories.enumerated() {
            let cy = plot.y + row * (Double(k) + 0.5)
            body += "<text x=\"\(SVGCanvas.f(plot.x - 6))\" y=\"\(SVGCanvas.f(cy + 4))\" text-anchor=\"end\" fill=\"#1d2733\">\(SVGCanvas.e(SVGCanvas.shortened(category, 38)))</text>"
            let value = values[k]
            guard value.isFinite else { continue }
            let a = px(min(value, 0)), b = px(max(value, 0))
            body += "<rect x=\"\(SVGCanvas.f(a))\" y=\"\(SVGCanvas.f(cy - row * 0.36))\" width=\"\(SVGCanvas.f(max(b - a, 0.5)))\" height=\"\(SVGCanvas.f(row * 0.72))\" fill=\"\(value >= 0 ? SVGChart.palette[4] : SVGChart.palette[0])\"><title>\(SVGCanvas.e(category)): \(SVGCanvas.e(NumberText.fixed(value, 4)))</title></rect>\n"
        }
        body += "</g>\n"
        body += "<line x1=\"\(SVGCanvas.f(px(0)))\" x2=\"\(SVGCanvas.f(px(0)))\" y1=\"\(SVGCanvas.f(plot.y))\" y2=\"\(SVGCanvas.f(plot.maxY))\" stroke=\"#1d2733\"/>\n"
        frame()
        // Legend above the plot, so it never covers a bar.
        body += "<g class=\"legend\">"
        body += "<rect x=\"\(SVGCanvas.f(plot.x))\" y=\"32\" width=\"14\" height=\"12\" fill=\"\(SVGChart.palette[4])\"/><text x=\"\(SVGCanvas.f(plot.x + 20))\" y=\"42\" fill=\"#1d2733\">\(SVGCanvas.e(positive))</text>"
        let second = plot.x + 40 + Double(min(positive.count, 40)) * 6.4
        body += "<rect x=\"\(SVGCanvas.f(second))\" y=\"32\" width=\"14\" height=\"12\" fill=\"\(SVGChart.palette[0])\"/><text x=\"\(SVGCanvas.f(second + 20))\" y=\"42\" fill=\"#1d2733\">\(SVGCanvas.e(negative))</text>"
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
            body += "<text x=\"\(SVGCanvas.f(plot.x - 6))\" y=\"\(SVGCanvas.f(y0 + cellHeight / 2 + 4))\" text-anchor=\"end\" fill=\"#1d2733\">\(SVGCanvas.e(SVGCanvas.shortened(rowLabel, 14)))</text>"
            for (c, value) in cells[r].enumerated() where c < columns.count {
                guard let value, value.isFinite else { continue }
                let x0 = plot.x + cellWidth * Double(c)
                let (fill, darkText) = SVGCanvas.shade((value - low) / span)
                let shown = NumberText.fixed(value, abs(value) >= 100 || suffix.isEmpty ? 0 : 0) + suffix
                body += "<rect x=\"\(SVGCanvas.f(x0))\" y=\"\(SVGCanvas.f(y0))\" width=\"\(SVGCanvas.f(cellWidth - 1))\" height=\"\(SVGCanvas.f(cellHeight - 1))\" fill=\"\(fill)\"><title>\(SVGCanvas.e(rowLabel)), \(SVGCanvas.e(columns[c])): \(SVGCanvas.e(NumberText.fixed(value, 2) + suffix))</title></rect>"
                if showText {
                    body += "<text x=\"\(SVGCanvas.f(x0 + cellWidth / 2))\" y=\"\(SVGCanvas.f(y0 + cellHeight / 2 + 4))\" text-anchor=\"middle\" font-size=\"10\" fill=\"\(darkText ? "#1d2733" : "#ffffff")\">\(SVGCanvas.e(shown))</text>"
                }
            }
            body += "\n"
        }
        body += "</g>\n<g class=\"x-axis\">\n"
        let every = max(1, Int((Double(columns.count) * 34 / plot.width).rounded(.up)))
        for (c, label) in columns.enumerated() where c % every == 0 {
            body += "<text x=\"\(SVGCanvas.f(plot.x + cellWidth * (Double(c) + 0.5)))\" y=\"\(SVGCanvas.f(plot.maxY + 16))\" text-anchor=\"middle\" fill=\"#5b6675\">\(SVGCanvas.e(SVGCanvas.shortened(label, 8)))</text>"
        }
        body += "</g>\n"
        // Colour legend: five swatches from low to high, right of the grid.
        body += "<g class=\"legend\">"
        let lx = plot.maxX + 14
        for k in 0..<5 {
            let t = Double(4 - k) / 4
            let y0 = plot.y + Double(k) * 22
            body += "<rect x=\"\(SVGCanvas.f(lx))\" y=\"\(SVGCanvas.f(y0))\" width=\"14\" height=\"18\" fill=\"\(SVGCanvas.shade(t).fill)\" stroke=\"#d8dee6\"/>"
            body += "<text x=\"\(SVGCanvas.f(lx + 18))\" y=\"\(SVGCanvas.f(y0 + 13))\" font-size=\"10\" fill=\"#1d2733\">\(SVGCanvas.e(NumberText.fixed(low + t * span, 0) + suffix))</text>"
        }
        body += "</g>\n"
    }
}
