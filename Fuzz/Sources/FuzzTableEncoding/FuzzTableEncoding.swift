@testable import ChurnKit
import CFuzzerDriver

/// The labelled-table encoder on arbitrary CSV: the bytes are split into records in memory
/// (header first, the last column as the label, its first value as the positive one), then the
/// encoding is fitted and applied. Errors are expected; a crash or a trap is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTableEncoding(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var scanner = CSVRecordScanner(expectedFields: 64, limits: CSVLimits(maxFieldBytes: 256, maxFields: 64))
    var records: [[String]] = []
    var position = 0
    while position < size, records.count < 200 {
        guard let record = try? scanner.scan(data, start: position, end: size, atEndOfInput: true), record.next > position else { break }
        records.append((0..<min(record.fieldCount, scanner.fields.count)).map { k -> String in
            CSVRecordScanner.validatedString(data, scanner.fields[k]) ?? ""
        })
        position = record.next
    }
    guard let header = records.first, let label = header.last, records.count > 1, Set(header).count == header.count else { return 0 }
    let rows = records.dropFirst().filter { $0.count == header.count }
    guard let positive = rows.first?.last else { return 0 }
    let table = RawTable(path: "fuzz.csv", header: header, cells: Array(rows), lines: Array(2..<(2 + rows.count)))
    for typing in [TableTyping(), TableTyping(negativeLabels: header.count > 1 ? [rows.last!.last!] : nil, textColumns: [header[0]])] {
        guard let encoding = try? TableEncoding.fit(table, labelColumn: label, positiveLabel: positive, typing: typing) else { continue }
        _ = encoding.columnTypeDescriptions
        if let encoded = try? encoding.encode(table, requireLabel: true) {
            guard encoded.table.values.count == encoded.table.rowCount * encoding.outputNames.count else { fatalError("shape") }
        }
        _ = encoding.refittingFills(table, rows: Array(0..<(rows.count / 2)))
    }
    return 0
}

/// SwiftPM calls an executable's entry point `FuzzTableEncoding_main`; hand control to libFuzzer's driver.
@_cdecl("FuzzTableEncoding_main")
public func fuzzTableEncodingMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzTableEncoding(data!, size) }
}
