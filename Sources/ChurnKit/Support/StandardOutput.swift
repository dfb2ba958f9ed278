#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output with every write checked (Swift's `print` ignores a full disk and a closed pipe).
///
/// One buffer for the whole process, so a data output written to `-` and the summary lines keep
/// their order. When a data output claims standard output (`--output -`), summaries go to standard
/// error instead, so a pipe receives only the data.
package enum StandardOutput {
    nonisolated(unsafe) private static var buffer: [UInt8] = []
    nonisolated(unsafe) package private(set) static var carriesData = false
    private static let flushThreshold = 1 << 16

    /// Marks standard output as the destination of a data output.
    package static func claimForData() { carriesData = true }

    package static func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= flushThreshold { try flush() }
    }

    package static func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Writes the buffer out: `closedPipe` for EPIPE, `cannotWrite` with the system's reason otherwise.
    package static func flush() throws {
        defer { buffer.removeAll(keepingCapacity: true) }
        try buffer.withUnsafeBytes { raw in
            try DescriptorWriter.writeAll(raw, to: STDOUT_FILENO, path: "standard output")
        }
    }
}
