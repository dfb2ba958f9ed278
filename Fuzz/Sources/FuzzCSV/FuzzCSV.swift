@testable import ChurnKit
import CFuzzerDriver

/// The CSV record scanner on arbitrary bytes. Besides "no crash, no out-of-bounds read", it checks
/// the property the streaming reader relies on: scanning a prefix of the input (more may follow)
/// gives either "incomplete" or exactly the record scanned from the whole input.
/// Every delimiter is fuzzed on the same bytes: the single-byte ones share one scanner, runs of
/// blanks (`--delimiter whitespace`) have their own.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    for delimiter in [FieldDelimiter.comma, .semicolon, .whitespace] { fuzzScanner(data, size, delimiter) }
    return 0
}

func fuzzScanner(_ data: UnsafePointer<UInt8>, _ size: Int, _ delimiter: FieldDelimiter) {
    let limits = CSVLimits(maxFieldBytes: 64, maxFields: 32)
    var whole = CSVRecordScanner(expectedFields: 4, limits: limits, delimiter: delimiter)
    var partial = CSVRecordScanner(expectedFields: 4, limits: limits, delimiter: delimiter)
    var position = 0
    while position < size {
        let full: (next: Int, fieldCount: Int, lineBreaks: Int)?
        do {
            full = try whole.scan(data, start: position, end: size, atEndOfInput: true)
        } catch {
            return
        }
        guard let record = full else { fatalError("a complete input gave an incomplete record") }
        if record.fieldCount > whole.fields.count { whole.reserve(fields: record.fieldCount); continue }
        guard record.next > position || record.next == size else { fatalError("no progress at \(position)") }
        if record.next == position { break }
        // Every shorter view, as the reader sees it before the rest arrives.
        let cut = position + (record.next - position) / 2
        partial.reserve(fields: record.fieldCount)
        if let early = try? partial.scan(data, start: position, end: cut, atEndOfInput: false) {
            guard early.next == record.next, early.fieldCount == record.fieldCount, early.lineBreaks == record.lineBreaks else {
                fatalError("a prefix gave a different record")
            }
        }
        for k in 0..<record.fieldCount {
            let field = whole.fields[k]
            guard field.start >= position, field.start <= field.end, field.end <= size else { fatalError("field out of bounds") }
            _ = CSVRecordScanner.unescaped(data, field)
            _ = CSVRecordScanner.validatedString(data, field)
        }
        position = record.next
    }
}

/// SwiftPM calls an executable's entry point `FuzzCSV_main`; hand control to libFuzzer's driver.
@_cdecl("FuzzCSV_main")
public func fuzzCSVMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzCSV(data!, size) }
}
