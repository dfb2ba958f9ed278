/// The report `churn report` writes: one self-contained HTML page made of ``ReportSection``s.
///
/// The page has no script, no external font, style or image and makes no network request; charts
/// are inline SVG (``SVGChart``), each with a title, axis labels, a legend where needed, a text
/// alternative and the table of its numbers. All text from the data is escaped (``HTMLText``).
public struct ChurnReport: Sendable {
    /// The page title.
    public var title: String
    /// One line under the title: what produced the page and when.
    public var subtitle: String
    /// The sections, in page order.
    public var sections: [any ReportSection]

    /// A report; sections can be appended later.
    public init(title: String, subtitle: String, sections: [any ReportSection] = []) {
        self.title = title
        self.subtitle = subtitle
        self.sections = sections
    }

    /// The section that explains `model`: each model kind registers its own here.
    public static func modelSection(for model: ChurnModel) -> any ReportSection {
        if model.terms != nil { return AdditiveModelSection(model: model) }
        if model.modelType == ChurnModel.bgnbdType { return BGNBDModelSection(model: model) }
        return LogisticModelSection(model: model)
    }

    /// The whole page.
    public func html() -> String {
        var document = HTMLDocument(title: title)
        for section in sections {
            document.beginSection(id: section.id, title: section.title)
            section.render(into: &document)
            document.endSection()
        }
        return document.rendered(generatedBy: subtitle)
    }

    /// Writes the page atomically (a temporary file, then a rename).
    public func write(to path: String) throws {
        try AtomicFileWriter.write(html(), to: path)
    }
}
