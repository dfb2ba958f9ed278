#if canImport(Glibc)
import Glibc
#endif
@testable import ChurnKit
import CFuzzerDriver

/// The amount parser on arbitrary bytes: an accepted amount is finite, made only of the
/// grammar's characters, and bit-for-bit what `strtod` reads from the same text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAmount(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard case let .success(value) = DecimalParser.parse(bytes) else { return 0 }
    guard value.isFinite else { fatalError("accepted a non-finite value") }
    let allowed = Set("0123456789+-.eE \t".utf8)
    guard bytes.allSatisfy({ allowed.contains($0) }) else { fatalError("accepted a byte outside the grammar") }
    var text = [CChar](repeating: 0, count: size + 1)
    for i in 0..<size { text[i] = CChar(bitPattern: bytes[i]) }
    let reference = strtod(text, nil)
    guard reference.bitPattern == value.bitPattern else { fatalError("\(value) differs from strtod's \(reference)") }
    return 0
}

/// SwiftPM calls an executable's entry point `FuzzAmount_main`; hand control to libFuzzer's driver.
@_cdecl("FuzzAmount_main")
public func fuzzAmountMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzAmount(data!, size) }
}
