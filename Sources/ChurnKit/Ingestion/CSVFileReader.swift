#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams the records of a CSV file in one pass through a fixed-size buffer.
///
/// Memory stays at the buffer size whatever the file size; a record longer than the buffer grows
/// it, up to ``CSVLimits`` (a longer field is an error with file, line and column, so an endless
/// input fails fast instead of exhausting memory). The first record is the header (a UTF-8
/// byte-order mark before it is dropped); its names must be valid UTF-8 and distinct. Blank lines
/// are skipped, as pandas and DuckDB do. Line numbers are 1-based and count the header, so they
/// match what an editor shows. `-` is standard input; see ``InputSource`` for pipes and devices,
/// and ``InputPass`` for gzip-compressed input.
final class CSVFileReader {
    let path: String
    private var bufferSize: Int
    let limits: CSVLimits
    /// Fed every byte of the input as it is read (after inflating a gzip input), when given: the
    /// training data's fingerprint, the same for a log and its `.gz`.
    let digest: ContentDigest?
    let delimiter: FieldDelimiter

    /// Where a range read starts (a byte offset of a regular, uncompressed file that begins a
    /// record), its known header, and the offset at or after which the first record to start
    /// ends the read; see ``init(path:range:header:limits:)``. 0, nil, nil: the whole input.
    private var startOffset = 0
    private var stopOffset: Int? = nil
    private var knownHeader: [String]? = nil
    /// After `forEachRecord`: the offset after the last record read (the next record's start)
    /// and the line that record starts on.
    private(set) var endOffset = 0
    private(set) var endLine = 1

    /// The buffer a reader starts with; tests and the fuzzer shrink it so records straddle refills.
    nonisolated(unsafe) static var defaultBufferSize = 1 << 22

    init(path: String, bufferSize: Int = CSVFileReader.defaultBufferSize, limits: CSVLimits? = nil, digest: ContentDigest? = nil,
         delimiter: FieldDelimiter = .comma) {
        self.path = path
        self.delimiter = delimiter
        self.limits = limits ?? CSVLimits.processDefault
        self.bufferSize = max(1, min(bufferSize, self.limits.maxRecordBytes))
        self.digest = digest
    }

    /// A reader of the records of a regular, uncompressed file that start at or after `start`
    /// and before `stop` (nil: the end of the file; the last record may end after `stop`), for
    /// parallel ingestion. `start` must be a record start and `header` the file's: line numbers
    /// count from 1 at `start`, and no BOM is looked for. `bufferSize` should hold the range, so
    /// that it is read in one call.
    convenience init(path: String, start: Int, stop: Int?, header: [String], bufferSize: Int, limits: CSVLimits? = nil, delimiter: FieldDelimiter = .comma) {
        self.init(path: path, bufferSize: bufferSize, limits: limits, delimiter: delimiter)
        startOffset = start
        stopOffset = stop
        knownHeader = header
    }

    /// A reader that stops after the header (``forEachRecord(header:progress:_:)`` then visits
    /// nothing): where the data starts, for parallel ingestion.
    static func headerOnly(path: String, limits: CSVLimits? = nil, digest: ContentDigest? = nil, delimiter: FieldDelimiter = .comma) -> CSVFileReader {
        let reader = CSVFileReader(path: path, bufferSize: 1 << 16, limits: limits, digest: digest, delimiter: delimiter)
        reader.stopOffset = 0
        return reader
    }

    /// The input's name in messages (`<stdin>` for `-`).
    var displayName: String { InputSource.displayName(path) }

    /// A record handed to the visitor: the buffer, the field boundaries, the field count (which may
    /// exceed `fields.count` when the row has extra fields) and the line the record starts on.
    struct Record {
        let bytes: UnsafePointer<UInt8>
        let fields: UnsafeBufferPointer<CSVField>
        let fieldCount: Int
        let line: Int
        let recordStart: Int
        let recordEnd: Int

        func string(_ index: Int) -> String { CSVRecordScanner.string(bytes, fields[index]) }

        /// The field as a `String`, or nil when its bytes are not valid UTF-8 (never U+FFFD:
        /// two different byte strings must never become the same text).
        func validatedString(_ index: Int) -> String? { CSVRecordScanner.validatedString(bytes, fields[index]) }

        /// The raw record text without its line break, for rejects files and messages; bytes that
        /// are not UTF-8 appear as `\xFF`.
        var rawText: String {
            var end = recordEnd
            while end > recordStart, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            return UTF8Check.escaped(UnsafeBufferPointer(start: bytes + recordStart, count: end - recordStart))
        }
    }

    /// Reads the header, then calls `visit` for every data record. Returns the header and the
    /// number of bytes read. `progress` gets the bytes consumed so far, now and then.
    ///
    /// A documented hot loop (every byte of a log passes through it): buffer refills, record
    /// scanning and the limits stay in one function so the buffer pointers stay in registers.
    @discardableResult
    func forEachRecord(
        header expectHeader: ([String]) throws -> Int,
        progress: ((Int) -> Void)? = nil,
        _ visit: (Record) throws -> Void
    ) throws -> (header: [String], bytesRead: Int) {
        var input = knownHeader == nil ? try InputSource.open(path: path) : try InputSource.openPlain(path: path, at: startOffset)
        defer { input.close() }
        let file = displayName
        var capacity = bufferSize
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var filled = 0
        var position = 0
        var atEndOfInput = false
        var line = 1
        var bytesConsumedBefore = startOffset
        var header: [String]? = knownHeader
        var scanner = CSVRecordScanner(expectedFields: 16, limits: limits, delimiter: delimiter)
        var columnNames: [String] = knownHeader ?? []
        if let knownHeader { scanner.reserve(fields: knownHeader.count) }
        var isFirstBlock = knownHeader == nil
        var recordsSinceProgress = 0

        func refill() throws {
            if position > 0 {
                if filled > position { memmove(buffer, buffer + position, filled - position) }
                filled -= position
                bytesConsumedBefore += position
                position = 0
            }
            if filled == capacity {
                guard capacity < limits.maxRecordBytes else {
                    throw IngestionError.malformedRow(file: file, line: line, column: nil,
                                                      reason: "the record is longer than \(limits.maxRecordBytes) bytes (CSVLimits.maxFieldBytes × 16); is this a CSV file?")
                }
                capacity = min(capacity * 2, limits.maxRecordBytes)
                let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
                grown.update(from: buffer, count: filled)
                buffer.deallocate()
                buffer = grown
            }
            let got = try input.read(into: buffer + filled, count: capacity - filled)
            if got == 0 {
                atEndOfInput = true
                digest?.finish()
            } else {
                digest?.update(UnsafeRawBufferPointer(start: buffer + filled, count: got))
            }
            filled += got
            if isFirstBlock && filled >= 3 || atEndOfInput {
                if isFirstBlock, filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
                // A UTF-16 file (Excel's "Unicode text") is not CSV in UTF-8: say so, rather than
                // that its first column name is not valid UTF-8.
                if isFirstBlock, filled >= 2, buffer[0] == 0xFF && buffer[1] == 0xFE || buffer[0] == 0xFE && buffer[1] == 0xFF {
                    throw IngestionError.malformedRow(file: file, line: 1, column: nil,
                                                      reason: "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8 CSV")
                }
                isFirstBlock = false
            }
        }

        try refill()
        while true {
            if let stopOffset, header != nil, bytesConsumedBefore + position >= stopOffset { break }
            let scanned: (next: Int, fieldCount: Int, lineBreaks: Int)?
            do {
                scanned = try scanner.scan(UnsafePointer(buffer), start: position, end: filled, atEndOfInput: atEndOfInput)
            } catch .unterminatedQuote {
                throw IngestionError.unterminatedQuote(file: file, line: line)
            } catch .textAfterClosingQuote {
                throw IngestionError.malformedRow(file: file, line: line, column: nil, reason: "text after a closing quote (a quote inside a field must be doubled: \"\")")
            } catch let .fieldTooLong(field, lineBreaks) {
                let column = field < columnNames.count ? columnNames[field] : "#\(field + 1)"
                throw IngestionError.malformedRow(file: file, line: line + lineBreaks, column: column,
                                                  reason: "field longer than \(limits.maxFieldBytes) bytes (raise the limit with CSVLimits.maxFieldBytes; is this a CSV file?)")
            } catch let .tooManyFields(lineBreaks) {
                throw IngestionError.malformedRow(file: file, line: line + lineBreaks, column: nil,
                                                  reason: "more than \(limits.maxFields) fields in one record")
            }
            guard let record = scanned else {
                if atEndOfInput { break }
                try refill()
                continue
            }
            if record.fieldCount > scanner.fields.count {
                // Record the extra boundaries too, so messages can show the whole row.
                scanner.reserve(fields: record.fieldCount)
                continue
            }
            let startLine = line
            line += record.lineBreaks
            let recordStart = position
            position = record.next
            if position == recordStart { break } // end of input
            let isBlank = record.fieldCount == 1 && scanner.fields[0].start == scanner.fields[0].end
                && (recordStart >= filled || buffer[recordStart] != UInt8(ascii: "\""))
            if isBlank { continue }
            try scanner.fields.withUnsafeBufferPointer { fields in
                let view = Record(bytes: UnsafePointer(buffer), fields: fields, fieldCount: record.fieldCount,
                                  line: startLine, recordStart: recordStart, recordEnd: position)
                if header == nil {
                    let names = try CSVFileReader.columnNames(view, file: file)
                    header = names
                    columnNames = names
                    _ = try expectHeader(names)
                } else {
                    try visit(view)
                }
            }
            if header != nil && scanner.fields.count < header!.count { scanner.reserve(fields: header!.count) }
            if let progress {
                recordsSinceProgress += 1
                if recordsSinceProgress >= 65536 {
                    recordsSinceProgress = 0
                    progress(bytesConsumedBefore + position)
                }
            }
        }
        endOffset = bytesConsumedBefore + position
        endLine = line
        guard let header else { throw IngestionError.emptyFile(file: file) }
        return (header, bytesConsumedBefore + filled)
    }

    /// The header's names: valid UTF-8, each once (a repeated name would make "the column `x`"
    /// mean whichever came first, silently).
    private static func columnNames(_ record: Record, file: String) throws -> [String] {
        var names: [String] = []
        var seen: [String: Int] = [:]
        for j in 0..<record.fieldCount {
            guard let name = record.validatedString(j) else {
                throw IngestionError.malformedRow(file: file, line: record.line, column: "#\(j + 1)", reason: "the column name is not valid UTF-8")
            }
            if let first = seen[name] {
                throw IngestionError.duplicateColumn(file: file, column: name, positions: [first + 1, j + 1])
            }
            seen[name] = j
            names.append(name)
        }
        return names
    }
}
