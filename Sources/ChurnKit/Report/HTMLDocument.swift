/// Builds one self-contained HTML page: inline styles, inline SVG charts, no scripts, no fonts,
/// no network. Every piece of text passes through ``HTMLText/escape(_:)``; the only markup that
/// is not built here comes from ``SVGChart`` and ``HTMLTable``, which escape their text too.
///
/// A Content-Security-Policy `default-src 'none'` (styles inline only) is set as well, so even a
/// bug in escaping could not load or run anything: the browser would refuse and log it, which the
/// browser test (`scripts/test-report-browser.sh`) treats as a failure.
public struct HTMLDocument: Sendable {
    /// The page's `<title>` and top heading.
    public var title: String
    private var body = ""
    private var contents: [(id: String, title: String)] = []

    /// An empty page.
    public init(title: String) { self.title = title }

    /// Opens a top-level section (listed in the table of contents).
    public mutating func beginSection(id: String, title: String) {
        let anchor = HTMLText.identifier(id)
        contents.append((anchor, title))
        body += "<section id=\"\(anchor)\">\n<h2>\(HTMLText.escape(title))</h2>\n"
    }

    /// Closes the section opened last.
    public mutating func endSection() { body += "</section>\n" }

    /// A sub-heading inside the current section.
    public mutating func heading(_ text: String) { body += "<h3>\(HTMLText.escape(text))</h3>\n" }

    /// A paragraph of escaped text; `className` picks a style (`note`, `warning`).
    public mutating func paragraph(_ text: String, className: String? = nil) {
        body += "<p\(className.map { " class=\"\(HTMLText.identifier($0))\"" } ?? "")>\(HTMLText.escape(text))</p>\n"
    }

    /// A bulleted list of escaped items.
    public mutating func list(_ items: [String], className: String? = nil) {
        guard !items.isEmpty else { return }
        body += "<ul\(className.map { " class=\"\(HTMLText.identifier($0))\"" } ?? "")>\n"
        for item in items { body += "<li>\(HTMLText.escape(item))</li>\n" }
        body += "</ul>\n"
    }

    /// Label–value pairs (a definition list), for headline facts.
    public mutating func facts(_ pairs: [(String, String)]) {
        body += "<dl class=\"facts\">\n"
        for (label, value) in pairs { body += "<div><dt>\(HTMLText.escape(label))</dt><dd>\(HTMLText.escape(value))</dd></div>\n" }
        body += "</dl>\n"
    }

    /// A table on its own (for a chart with its table, use ``figure(_:table:)``).
    public mutating func table(_ table: HTMLTable) { body += "<div class=\"table-wrap\">\n" + table.html() + "</div>\n" }

    /// Opens a grid that lays out the figures that follow side by side on wide screens.
    public mutating func beginGrid() { body += "<div class=\"grid\">\n" }
    /// Ends the grid begun by ``beginGrid()``.
    public mutating func endGrid() { body += "</div>\n" }

    /// A chart with its caption and, folded underneath, the table of the numbers it draws.
    public mutating func figure(_ chart: SVGChart, table: HTMLTable) {
        let id = HTMLText.identifier(chart.id)
        body += "<figure class=\"chart\" id=\"fig-\(id)\">\n" + chart.svg()
        body += "<figcaption>\(HTMLText.escape(chart.description))</figcaption>\n"
        body += "<details><summary>Data: \(HTMLText.escape(chart.title))</summary>\n<div class=\"table-wrap\">\n" + table.html() + "</div>\n</details>\n"
        body += "</figure>\n"
    }

    /// The whole page.
    public func rendered(generatedBy: String) -> String {
        var page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title))</title>
        <style>\(Self.style)</style>
        </head>
        <body>
        <header><h1>\(HTMLText.escape(title))</h1><p class="meta">\(HTMLText.escape(generatedBy))</p>
        <nav aria-label="Sections"><ul>
        """
        for entry in contents { page += "<li><a href=\"#\(entry.id)\">\(HTMLText.escape(entry.title))</a></li>" }
        page += "</ul></nav></header>\n<main>\n" + body + "</main>\n</body>\n</html>\n"
        return page
    }

    static let style = """
    :root{color-scheme:light;--ink:#1d2733;--muted:#5b6675;--line:#d8dee6;--accent:#1f5fa8}
    *{box-sizing:border-box}
    body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:#f6f8fa}
    header{background:#fff;border-bottom:1px solid var(--line);padding:18px 28px 8px}
    h1{margin:0 0 4px;font-size:24px}
    .meta{margin:0 0 8px;color:var(--muted);font-size:13px}
    nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 18px}
    nav a{color:var(--accent);text-decoration:none;font-size:14px}
    main{max-width:1180px;margin:0 auto;padding:8px 28px 40px}
    section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:6px 22px 18px;margin:18px 0}
    h2{font-size:20px;margin:14px 0 8px}
    h3{font-size:16px;margin:18px 0 6px}
    p{margin:6px 0;max-width:80em}
    .note{color:var(--muted)}
    .warning{color:#8a4b00}
    ul.findings li{margin:4px 0}
    dl.facts{display:flex;flex-wrap:wrap;gap:8px 28px;margin:10px 0}
    dl.facts div{min-width:120px}
    dt{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
    dd{margin:0;font-size:17px;font-weight:600;font-variant-numeric:tabular-nums}
    .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:14px}
    figure.chart{margin:8px 0;border:1px solid var(--line);border-radius:6px;padding:8px;background:#fff;min-width:0}
    figure.chart svg{display:block;width:100%;max-width:680px;height:auto;margin:0 auto}
    figcaption{font-size:13px;color:var(--muted);margin:4px 4px 2px}
    details{margin:4px}
    summary{cursor:pointer;font-size:13px;color:var(--accent)}
    .table-wrap{overflow-x:auto}
    table{border-collapse:collapse;font-size:13px;margin:6px 0;font-variant-numeric:tabular-nums}
    caption{text-align:left;font-weight:600;padding:4px 0;color:var(--muted)}
    th,td{border-bottom:1px solid var(--line);padding:3px 9px;text-align:left;vertical-align:top}
    th{background:#f0f3f7;font-weight:600}
    td.num,th.num{text-align:right}
    td{overflow-wrap:anywhere}
    """
}
