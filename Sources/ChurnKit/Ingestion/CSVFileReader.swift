#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams the records of a CSV file in one pass through a fixed-size buffer.
///
/// Memory stays at the buffer size whatever the file size; a record longer than the buffer grows
/// it. The first record is the header (a UTF-8 byte-order mark before it is dropped). Blank lines
/// are skipped, as pandas and DuckDB do. Line numbers are 1-based and count the header, so they
/// match what an editor shows.
final class CSVFileReader {
    let path: String
    private var bufferSize: Int

    init(path: String, bufferSize: Int = 1 << 22) {
        self.path = path
        self.bufferSize = bufferSize
    }

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

        /// The raw record text without its line break, for rejects files and messages.
        var rawText: String {
            var end = recordEnd
            while end > recordStart, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            return String(decoding: UnsafeBufferPointer(start: bytes + recordStart, count: end - recordStart), as: UTF8.self)
        }
    }

    /// Reads the header, then calls `visit` for every data record. Returns the header and the
    /// number of bytes read. `progress` gets the bytes consumed so far, now and then.
    @discardableResult
    func forEachRecord(
        header expectHeader: ([String]) throws -> Int,
        progress: ((Int) -> Void)? = nil,
        _ visit: (Record) throws -> Void
    ) throws -> (header: [String], bytesRead: Int) {
        let descriptor = try ByteFileReader.open(path: path)
        defer { close(descriptor) }
        var capacity = bufferSize
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var filled = 0
        var position = 0
        var atEndOfInput = false
        var line = 1
        var bytesConsumedBefore = 0
        var header: [String]? = nil
        var scanner = CSVRecordScanner(expectedFields: 16)
        var isFirstBlock = true
        var recordsSinceProgress = 0

        func refill() throws {
            if position > 0 {
                if filled > position { memmove(buffer, buffer + position, filled - position) }
                filled -= position
                bytesConsumedBefore += position
                position = 0
            }
            if filled == capacity {
                capacity *= 2
                let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
                grown.update(from: buffer, count: filled)
                buffer.deallocate()
                buffer = grown
            }
            let got = try ByteFileReader.read(descriptor: descriptor, into: buffer + filled, count: capacity - filled, path: path)
            if got == 0 { atEndOfInput = true }
            filled += got
            if isFirstBlock && filled >= 3 || atEndOfInput {
                if isFirstBlock, filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
                isFirstBlock = false
            }
        }

        try refill()
        while true {
            let scanned: (next: Int, fieldCount: Int, lineBreaks: Int)?
            do {
                scanned = try scanner.scan(UnsafePointer(buffer), start: position, end: filled, atEndOfInput: atEndOfInput)
            } catch .unterminatedQuote {
                throw IngestionError.unterminatedQuote(file: path, line: line)
            } catch .textAfterClosingQuote {
                throw IngestionError.malformedRow(file: path, line: line, column: nil, reason: "text after a closing quote (a quote inside a field must be doubled: \"\")")
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
                    let names = (0..<record.fieldCount).map { view.string($0) }
                    header = names
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
        guard let header else { throw IngestionError.emptyFile(file: path) }
        return (header, bytesConsumedBefore + filled)
    }
}
