
/// Splits RFC 4180 records out of a byte buffer: quoted fields, `""` escapes, newlines inside
/// quotes, LF or CRLF line ends; fields separated by one byte (see ``FieldDelimiter``) or by runs
/// of blanks.
///
/// The scanner never copies bytes: it records field boundaries into a reusable array so the reader
/// can parse a date or an amount straight from the buffer. When a record runs past the end of the
/// buffer and more input may follow, `scan` answers nil and the caller refills and retries.
struct CSVRecordScanner {
    private(set) var fields: [CSVField]
    /// See ``CSVLimits``: checked once per field, so a record can never grow without bound.
    let maxFieldBytes: Int
    let maxFields: Int
    /// The separating byte; nil: runs of spaces and tabs.
    let delimiter: UInt8?

    init(expectedFields: Int, limits: CSVLimits = CSVLimits(), delimiter: FieldDelimiter = .comma) {
        fields = Array(repeating: CSVField(start: 0, end: 0, hasEscapedQuotes: false), count: max(expectedFields, 1))
        maxFieldBytes = limits.maxFieldBytes
        maxFields = limits.maxFields
        self.delimiter = delimiter.byte
    }

    /// Scans the record that starts at `start`; returns the offset after it, its field count and
    /// the number of line breaks it spans, or nil when it is incomplete and `atEndOfInput` is false.
    ///
    /// A documented hot loop (per byte): the quote state machine is kept in one function on purpose.
    @inline(__always)
    mutating func scan(_ bytes: UnsafePointer<UInt8>, start: Int, end: Int, atEndOfInput: Bool) throws(CSVScanError) -> (next: Int, fieldCount: Int, lineBreaks: Int)? {
        guard let comma = delimiter else { return try scanBlankSeparated(bytes, start: start, end: end, atEndOfInput: atEndOfInput) }
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        var p = start
        var fieldCount = 0
        var lineBreaks = 0
        let capacity = fields.count
        let maxFieldBytes = self.maxFieldBytes, maxFields = self.maxFields
        return try fields.withUnsafeMutableBufferPointer { (fields) throws(CSVScanError) -> (next: Int, fieldCount: Int, lineBreaks: Int)? in
            @inline(__always) func store(_ from: Int, _ to: Int, _ escaped: Bool, _ startBreaks: Int) throws(CSVScanError) {
                if to - from > maxFieldBytes { throw .fieldTooLong(field: fieldCount, lineBreaks: startBreaks) }
                if fieldCount >= maxFields { throw .tooManyFields(lineBreaks: startBreaks) }
                if fieldCount < capacity { fields[fieldCount] = CSVField(start: from, end: to, hasEscapedQuotes: escaped) }
                fieldCount += 1
            }
            /// An incomplete field already over the limit fails now, before the caller grows its buffer.
            @inline(__always) func checkPartial(_ from: Int, _ startBreaks: Int) throws(CSVScanError) {
                if end - from > maxFieldBytes { throw .fieldTooLong(field: fieldCount, lineBreaks: startBreaks) }
                if fieldCount >= maxFields { throw .tooManyFields(lineBreaks: startBreaks) }
            }
            while true {
                let startBreaks = lineBreaks
                if p < end, bytes[p] == quote {
                    let fieldStart = p + 1
                    var escaped = false
                    p += 1
                    var fieldEnd = p
                    while true {
                        if p == end {
                            try checkPartial(fieldStart, startBreaks)
                            if atEndOfInput { throw .unterminatedQuote }
                            return nil
                        }
                        let byte = bytes[p]
                        if byte == quote {
                            if p + 1 == end && !atEndOfInput { return nil }
                            if p + 1 < end && bytes[p + 1] == quote {
                                escaped = true
                                p += 2
                                continue
                            }
                            fieldEnd = p
                            p += 1
                            break
                        }
                        if byte == newline { lineBreaks += 1 }
                        p += 1
                    }
                    try store(fieldStart, fieldEnd, escaped, startBreaks)
                    if p == end {
                        if atEndOfInput { return (p, fieldCount, lineBreaks) }
                        return nil
                    }
                    let byte = bytes[p]
                    if byte == comma { p += 1; continue }
                    if byte == newline { return (p + 1, fieldCount, lineBreaks + 1) }
                    if byte == carriageReturn {
                        if p + 1 == end {
                            if atEndOfInput { return (p + 1, fieldCount, lineBreaks) }
                            return nil
                        }
                        if bytes[p + 1] == newline { return (p + 2, fieldCount, lineBreaks + 1) }
                    }
                    throw .textAfterClosingQuote(offset: p)
                } else {
                    let fieldStart = p
                    while p < end {
                        let byte = bytes[p]
                        if byte == comma || byte == newline { break }
                        p += 1
                    }
                    if p == end {
                        if !atEndOfInput {
                            try checkPartial(fieldStart, startBreaks)
                            return nil
                        }
                        var fieldEnd = p
                        if fieldEnd > fieldStart && bytes[fieldEnd - 1] == carriageReturn { fieldEnd -= 1 }
                        try store(fieldStart, fieldEnd, false, startBreaks)
                        return (p, fieldCount, lineBreaks)
                    }
                    if bytes[p] == comma {
                        try store(fieldStart, p, false, startBreaks)
                        p += 1
                        continue
                    }
                    var fieldEnd = p
                    if fieldEnd > fieldStart && bytes[fieldEnd - 1] == carriageReturn { fieldEnd -= 1 }
                    try store(fieldStart, fieldEnd, false, startBreaks)
                    return (p + 1, fieldCount, lineBreaks + 1)
                }
            }
        }
    }

    /// ``scan(_:start:end:atEndOfInput:)`` for fields separated by runs of spaces and tabs: blanks
    /// at the start and end of a line separate nothing, so a line of blanks is a blank line (one
    /// empty field, which the reader skips).
    private mutating func scanBlankSeparated(_ bytes: UnsafePointer<UInt8>, start: Int, end: Int, atEndOfInput: Bool) throws(CSVScanError) -> (next: Int, fieldCount: Int, lineBreaks: Int)? {
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        @inline(__always) func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        /// A line feed, or a carriage return before one (or before the end of the buffer).
        @inline(__always) func isLineEnd(_ p: Int) -> Bool {
            bytes[p] == newline || (bytes[p] == carriageReturn && (p + 1 == end || bytes[p + 1] == newline))
        }
        var p = start
        var fieldCount = 0
        var lineBreaks = 0
        func store(_ from: Int, _ to: Int, _ escaped: Bool) throws(CSVScanError) {
            if to - from > maxFieldBytes { throw .fieldTooLong(field: fieldCount, lineBreaks: lineBreaks) }
            if fieldCount >= maxFields { throw .tooManyFields(lineBreaks: lineBreaks) }
            if fieldCount < fields.count { fields[fieldCount] = CSVField(start: from, end: to, hasEscapedQuotes: escaped) }
            fieldCount += 1
        }
        /// The record ends at `p` (a line break or the end of input): its result, or nil to refill.
        func finish() -> (next: Int, fieldCount: Int, lineBreaks: Int)? {
            if p == end { return atEndOfInput ? (p, max(fieldCount, 1), lineBreaks) : nil }
            if bytes[p] == newline { return (p + 1, max(fieldCount, 1), lineBreaks + 1) }
            // A carriage return: CRLF, or a lone CR before the end.
            if p + 1 == end { return atEndOfInput ? (p + 1, max(fieldCount, 1), lineBreaks) : nil }
            return (p + 2, max(fieldCount, 1), lineBreaks + 1)
        }
        if fields.count > 0 { fields[0] = CSVField(start: start, end: start, hasEscapedQuotes: false) }
        while true {
            while p < end && isBlank(bytes[p]) { p += 1 }
            if p == end || isLineEnd(p) {
                if p == end && !atEndOfInput {
                    if p - start > maxFieldBytes { throw .fieldTooLong(field: fieldCount, lineBreaks: lineBreaks) }
                    return nil
                }
                return finish()
            }
            if bytes[p] == quote {
                let fieldStart = p + 1
                var escaped = false
                p += 1
                while true {
                    if p == end {
                        if end - fieldStart > maxFieldBytes { throw .fieldTooLong(field: fieldCount, lineBreaks: lineBreaks) }
                        if atEndOfInput { throw .unterminatedQuote }
                        return nil
                    }
                    if bytes[p] == quote {
                        if p + 1 == end && !atEndOfInput { return nil }
                        if p + 1 < end && bytes[p + 1] == quote { escaped = true; p += 2; continue }
                        break
                    }
                    if bytes[p] == newline { lineBreaks += 1 }
                    p += 1
                }
                try store(fieldStart, p, escaped)
                p += 1
                if p < end && !isBlank(bytes[p]) && !isLineEnd(p) { throw .textAfterClosingQuote(offset: p) }
            } else {
                let fieldStart = p
                while p < end && !isBlank(bytes[p]) && !isLineEnd(p) { p += 1 }
                if p == end && !atEndOfInput {
                    if p - fieldStart > maxFieldBytes { throw .fieldTooLong(field: fieldCount, lineBreaks: lineBreaks) }
                    return nil
                }
                try store(fieldStart, p, false)
            }
        }
    }

    /// Grows the boundary array so a record with `count` fields is fully recorded.
    mutating func reserve(fields count: Int) {
        if count > fields.count {
            fields += Array(repeating: CSVField(start: 0, end: 0, hasEscapedQuotes: false), count: count - fields.count)
        }
    }

    /// The field's bytes with `""` collapsed to `"` (only for quoted fields that need it).
    static func unescaped(_ bytes: UnsafePointer<UInt8>, _ field: CSVField) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(field.end - field.start)
        var i = field.start
        while i < field.end {
            out.append(bytes[i])
            i += (bytes[i] == UInt8(ascii: "\"") && i + 1 < field.end && bytes[i + 1] == UInt8(ascii: "\"")) ? 2 : 1
        }
        return out
    }

    /// The field as a `String`, or nil when it is not valid UTF-8.
    static func validatedString(_ bytes: UnsafePointer<UInt8>, _ field: CSVField) -> String? {
        if field.hasEscapedQuotes { return String(validating: unescaped(bytes, field), as: UTF8.self) }
        let buffer = UnsafeBufferPointer(start: bytes + field.start, count: field.end - field.start)
        return UTF8Check.isValid(buffer) ? String(decoding: buffer, as: UTF8.self) : nil
    }

    /// The field as a `String` (error messages, where invalid bytes show as U+FFFD).
    static func string(_ bytes: UnsafePointer<UInt8>, _ field: CSVField) -> String {
        if field.hasEscapedQuotes { return String(decoding: unescaped(bytes, field), as: UTF8.self) }
        return String(decoding: UnsafeBufferPointer(start: bytes + field.start, count: field.end - field.start), as: UTF8.self)
    }
}
