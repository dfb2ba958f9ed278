/// A SQL script being assembled: header comments, named steps (common table expressions, one per
/// step of the computation, each with a comment saying what it holds) and a final query.
///
/// Comments are sanitized (no line breaks), so a name printed in one can never end it.
struct SQLScript: Sendable {
    struct Step: Sendable {
        var name: String
        var comment: [String]
        var body: String
    }

    private(set) var header: [String] = []
    private(set) var steps: [Step] = []

    init() {}

    /// Adds header comment lines.
    mutating func note(_ lines: String...) { header += lines }

    /// Adds a step `name AS (body)`; `body` lines are indented by the renderer.
    mutating func step(_ name: String, _ comment: [String], _ body: String) {
        steps.append(Step(name: name, comment: comment, body: body))
    }

    /// `-- text`, with line breaks replaced so the comment stays one line.
    static func comment(_ text: String) -> String {
        "-- " + String(text.map { $0.isNewline ? " " : $0 })
    }

    /// The script: header, `WITH` steps, then `finalQuery` and a terminating semicolon.
    func render(finalQuery: String) -> String {
        var out = header.map(Self.comment).joined(separator: "\n") + "\n"
        if !steps.isEmpty {
            out += "WITH\n"
            for (k, step) in steps.enumerated() {
                out += step.comment.map { Self.comment($0) }.joined(separator: "\n") + "\n"
                out += "\(step.name) AS (\n"
                out += step.body.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
                out += "\n)" + (k + 1 < steps.count ? "," : "") + "\n"
            }
        }
        return out + finalQuery + ";\n"
    }
}
