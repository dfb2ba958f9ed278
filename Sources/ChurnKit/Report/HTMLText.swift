/// Escaping for text that goes into HTML or SVG: element content and quoted attribute values.
///
/// Everything a report shows from the data — customer ids, column names, category levels, file
/// names — is untrusted: an id like `<script>alert(1)</script>` or `"><img src=x onerror=…>`
/// must print as those characters, never become markup. Escaping the five characters that can
/// open a tag, close an attribute or start an entity (`& < > " '`) makes any string inert in
/// both places (the report never writes unquoted attributes, URLs, scripts or style values from
/// data). Control characters other than tab and line breaks are dropped: XML (SVG) forbids them.
public enum HTMLText {
    /// `text` made inert in element content and in quoted attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0xFFFE...0xFFFF).contains(scalar.value): continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A value usable as an `id` or in a `#fragment`: letters, digits and `-` only (ids in a
    /// report are built by the report itself, this only keeps them well-formed).
    public static func identifier(_ text: String) -> String {
        let kept = text.lowercased().unicodeScalars.map { scalar -> Character in
            (scalar.properties.isASCIIHexDigit || ("g"..."z").contains(scalar) || ("0"..."9").contains(scalar)) ? Character(scalar) : "-"
        }
        return String(kept)
    }
}
