/// Rows of a written table as bytes, field by field, into one reused buffer: no `String` per
/// field (the risk list and the feature table: a million rows each in a nightly run).
///
/// CSV: fields joined by commas, quoted only when they hold a comma, quote or line break
/// (``CSVText/quoted(_:)``'s rule, decided on the bytes first); a missing value is empty.
/// JSON Lines: `{"name":value,…}` with ``NumberText/jsonString(_:)``'s escapes; missing is `null`.
/// The bytes are those of the `String`-based writer this replaced (`RiskListWritingTests`).
struct RowText {
    static let flushBytes = 1 << 18

    let format: TableFormat
    /// JSON Lines: `"name":` per column.
    private let keys: [[UInt8]]
    var bytes: [UInt8] = []
    /// A field's text before it is quoted or escaped (a reason's words).
    var scratch: [UInt8] = []

    init(format: TableFormat, names: [String]) {
        self.format = format
        keys = names.map { Array((NumberText.jsonString($0) + ":").utf8) }
        bytes.reserveCapacity(RowText.flushBytes + 4096)
    }

    /// Starts field `j` of a row.
    mutating func field(_ j: Int) {
        switch format {
        case .csv:
            if j > 0 { bytes.append(UInt8(ascii: ",")) }
        case .jsonl:
            bytes.append(j == 0 ? UInt8(ascii: "{") : UInt8(ascii: ","))
            bytes.append(contentsOf: keys[j])
        }
    }

    mutating func endRow() {
        if format == .jsonl { bytes.append(UInt8(ascii: "}")) }
        bytes.append(UInt8(ascii: "\n"))
    }

    mutating func missing() {
        if format == .jsonl { bytes.append(contentsOf: "null".utf8) }
    }

    /// A number in ``NumberText/format(_:)``'s form; JSON Lines writes `null` for NaN and infinities.
    mutating func number(_ value: Double) {
        if format == .csv { NumberText.appendFormat(value, to: &bytes) } else { NumberText.appendJSON(value, to: &bytes) }
    }

    /// Money: two decimals; missing when nil or not finite.
    mutating func money(_ value: Double?) {
        guard let value, value.isFinite else { return missing() }
        NumberText.appendFixed(value, 2, to: &bytes)
    }

    /// A text field, quoted (CSV) or escaped (JSON) as needed.
    mutating func text(_ value: String) {
        var contiguous = value
        contiguous.withUTF8 { appendText($0, string: value) }
    }

    /// A text field whose bytes (UTF-8) are given; `string` is the same text when at hand.
    mutating func appendText(_ utf8: UnsafeBufferPointer<UInt8>, string: String?) {
        switch format {
        case .csv:
            let plain = !utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            if plain {
                bytes.append(contentsOf: utf8)
            } else {
                bytes.append(contentsOf: CSVText.quoted(string ?? String(decoding: utf8, as: UTF8.self)).utf8)
            }
        case .jsonl:
            // Bytes that need no escape: not a quote, not a backslash, not a control character.
            let plain = !utf8.contains { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }
            if plain {
                bytes.append(UInt8(ascii: "\""))
                bytes.append(contentsOf: utf8)
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: NumberText.jsonString(string ?? String(decoding: utf8, as: UTF8.self)).utf8)
            }
        }
    }

    /// `value` as a whole field, quoted or escaped (the model id, the run time).
    func encoded(_ value: String) -> [UInt8] {
        Array((format == .csv ? CSVText.quoted(value) : NumberText.jsonString(value)).utf8)
    }

    mutating func flush(to writer: AtomicFileWriter) throws {
        try writer.write(bytes: bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}
