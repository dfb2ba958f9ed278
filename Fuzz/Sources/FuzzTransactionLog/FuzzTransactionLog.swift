#if canImport(Glibc)
import Glibc
#endif
@testable import ChurnKit
import CFuzzerDriver

/// The whole ingestion path on arbitrary bytes: the streaming CSV reader (a buffer of 1–61 bytes,
/// so records straddle refills), dates, amounts, the
/// UTF-8 check on ids, customer interning, the out-of-order recount and feature assembly, with
/// bad rows failing and skipped. Ids are compared as bytes (Swift's `String` equality would merge
/// canonically equivalent ids such as `café` precomposed and decomposed, which ChurnKit keeps apart). The input is
/// written to an unlinked temporary file reached as `/proc/self/fd/N` (nothing is left behind).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTransactionLog(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let descriptor = FuzzFile.descriptor
    guard ftruncate(descriptor, 0) == 0, pwrite(descriptor, data, size, 0) == size else { fatalError("cannot write the scratch file") }
    let path = "/proc/self/fd/\(descriptor)"
    let limits = CSVLimits(maxFieldBytes: 128, maxFields: 16)
    // A small buffer: records straddle refills, and no 4 MiB allocation per pass.
    CSVFileReader.defaultBufferSize = 1 + Int(size % 61)
    for badRows in [BadRowPolicy.fail, .skip] {
        var builder = TransactionFeatureBuilder(badRows: badRows)
        builder.digest = ContentDigest()
        CSVLimits.processDefault = limits
        guard let result = try? builder.build(path: path, cutoff: nil, horizonDays: 30) else { continue }
        guard builder.digest?.hexDigest != nil else { fatalError("a complete read left the digest open") }
        let table = result.table
        guard table.values.count == table.rowCount * table.columnCount, table.values.allSatisfy(\.isFinite) else {
            fatalError("a feature table with a wrong shape or a non-finite value")
        }
        guard Set(table.customerIDs.map { Array($0.utf8) }).count == table.rowCount else { fatalError("two rows for one customer id") }
    }
    return 0
}

enum FuzzFile {
    /// An anonymous scratch file: created, unlinked at once, reused for every input.
    nonisolated(unsafe) static let descriptor: Int32 = {
        var template = Array("/tmp/churn-fuzz-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { fatalError("mkstemp failed") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return descriptor
    }()
}

/// SwiftPM calls an executable's entry point `FuzzTransactionLog_main`; hand control to libFuzzer's driver.
@_cdecl("FuzzTransactionLog_main")
public func fuzzTransactionLogMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzTransactionLog(data!, size) }
}
