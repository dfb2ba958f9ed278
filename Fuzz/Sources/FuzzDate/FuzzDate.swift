@testable import ChurnKit
import CFuzzerDriver

/// The date parser on arbitrary bytes: a parsed day lies in 0001-01-01…9999-12-31 and prints as
/// a date that parses back to the same day.
/// The log's date readers on the same bytes: ISO 8601 in UTC and in a zone with daylight saving,
/// and a `--date-format` pattern with a time and an offset. A day they return lies in the
/// supported range.
nonisolated(unsafe) let dateReaders: [DateReader] = [
    DateReader(format: nil, timeZone: .utc),
    DateReader(format: nil, timeZone: try! BusinessTimeZone(identifier: "America/New_York")),
    DateReader(format: try! DateFormat(pattern: "%d/%m/%Y %H:%M %z"), timeZone: try! BusinessTimeZone(identifier: "Europe/Berlin")),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDate(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    for reader in dateReaders {
        if case let .day(day) = reader.day(UnsafeBufferPointer(start: data, count: size)),
           !DateReader.supportedDays.contains(Int64(day)) { fatalError("day \(day) outside the supported range") }
    }
    guard let day = CalendarDay.parse(UnsafeBufferPointer(start: data, count: size)) else { return 0 }
    let (year, month, dayOfMonth) = day.components
    guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(dayOfMonth) else { fatalError("out of range: \(day.daysSinceEpoch)") }
    guard CalendarDay(parsing: day.description) == day else { fatalError("\(day) does not round-trip") }
    return 0
}

/// SwiftPM calls an executable's entry point `FuzzDate_main`; hand control to libFuzzer's driver.
@_cdecl("FuzzDate_main")
public func fuzzDateMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzDate(data!, size) }
}
