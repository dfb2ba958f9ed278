import Foundation

/// The code that documentation shows, read from the files it lives in, so tests can compare the
/// documents' code blocks with the example program that the build compiles.
enum DocumentedCode {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    static func read(_ relativePath: String) throws -> String {
        try String(contentsOfFile: repositoryRoot + "/" + relativePath, encoding: .utf8)
    }

    /// The lines strictly between the `// docs:begin` and `// docs:end` lines; nil when either is missing.
    static func markedRegion(of text: String) -> String? {
        let lines = text.components(separatedBy: "\n")
        guard let begin = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "// docs:begin" }),
              let end = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "// docs:end" }),
              begin < end else { return nil }
        return lines[(begin + 1)..<end].joined(separator: "\n")
    }

    /// The bodies of the fenced code blocks of a Markdown text whose language is `language`
    /// (```swift, ```text), in order.
    static func blocks(of markdown: String, language: String = "swift") -> [String] {
        var blocks: [String] = []
        var current: [String]? = nil
        for line in markdown.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```" + language {
                current = []
            } else if current != nil, trimmed == "```" {
                blocks.append(current!.joined(separator: "\n"))
                current = nil
            } else if current != nil {
                current!.append(line)
            }
        }
        return blocks
    }

    /// The part of a Markdown text from the line `heading` to the next heading of the same or a
    /// higher level (lines inside fenced code blocks, such as shell comments, are not headings).
    static func section(_ heading: String, of markdown: String) -> String? {
        let lines = markdown.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: heading) else { return nil }
        let level = heading.prefix { $0 == "#" }.count
        var inFence = false
        var end = lines.endIndex
        for index in (start + 1)..<lines.endIndex {
            let line = lines[index]
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { inFence.toggle() }
            let hashes = line.prefix { $0 == "#" }.count
            if !inFence, hashes > 0, hashes <= level, line.dropFirst(hashes).hasPrefix(" ") {
                end = index
                break
            }
        }
        return lines[start..<end].joined(separator: "\n")
    }
}
