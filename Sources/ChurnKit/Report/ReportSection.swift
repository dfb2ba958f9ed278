/// One part of a ``ChurnReport``: it writes its headings, text, tables and charts into the page.
///
/// Sections are independent so that each model kind brings its own: ``LogisticModelSection``
/// explains a logistic regression (coefficients, training report); another model kind (an
/// additive model with shape functions, a BG/NBD model with its fit checks) adds a conforming
/// type and ``ChurnReport/modelSection(for:)`` or the caller picks it. The other sections
/// (evaluation, risk list, retention) only need probabilities, labels and the log.
public protocol ReportSection: Sendable {
    /// The anchor of the section in the page (letters, digits, `-`).
    var id: String { get }
    /// The section's heading, also listed in the table of contents.
    var title: String { get }
    /// Writes the section's content (the heading is already written).
    func render(into document: inout HTMLDocument)
}
