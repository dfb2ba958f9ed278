@testable import ChurnKit
import CFuzzerDriver

/// The date parser on arbitrary bytes: a parsed day lies in 0001-01-01…9999-12-31 and prints as
/// a date that parses back to the same day.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDate(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
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
