import Testing
@testable import ChurnKit

/// The table reader's whitespace trimming: its ASCII fast path agrees with trimming by
/// `Character.isWhitespace` on every kind of cell.
struct WhitespaceTrimmingTests {
    static func reference(_ text: String) -> String {
        var s = Substring(text)
        while let first = s.first, first.isWhitespace { s = s.dropFirst() }
        while let last = s.last, last.isWhitespace { s = s.dropLast() }
        return String(s)
    }

    @Test func agreesWithTrimmingByCharacter() {
        let pieces = ["a", "Yes", "12.5", " ", "\t", "\r\n", "\u{00A0}", "\u{2003}", "\u{0085}", "é", "e\u{0301}", "\u{0600}1",
                      "👨‍👩‍👧", "\u{200B}", "x y", "-", "~", "\u{3000}", ""]
        var generator = SeededGenerator(seed: 9)
        var cells = pieces
        for _ in 0..<3000 {
            let count = Int(generator.next() % 5)
            cells.append((0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined())
        }
        for cell in cells { #expect(cell.trimmingWhitespace == Self.reference(cell), "\(Array(cell.unicodeScalars))") }
    }
}

/// A labelled table's missing cells: the fast path agrees with the definition (a marker, blank, or
/// a marker once trimmed).
struct MissingCellTests {
    @Test func fastPathAgreesWithTheDefinition() {
        let pieces = ["NA", "N/A", "NaN", "nan", "null", "NULL", " ", "\t", "\u{00A0}", "0", "1", "12.5", "Yes", "No", "n", "a", "/", ""]
        var generator = SeededGenerator(seed: 4)
        var cells = pieces
        for _ in 0..<3000 {
            let count = Int(generator.next() % 4)
            cells.append((0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined())
        }
        for cell in cells {
            let definition = TableEncoding.missingMarkers.contains(cell) || cell.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 }
                || TableEncoding.missingMarkers.contains(WhitespaceTrimmingTests.reference(cell))
            #expect(TableEncoding.isMissing(cell) == definition, "\(Array(cell.unicodeScalars))")
        }
    }
}
