#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old file or the complete new one, never a half.
///
/// Output goes to a hidden temporary file in the destination's folder (same file system, so the
/// final `rename(2)` is atomic), is flushed with `fsync`, and replaces the destination only when
/// every byte was written. A failure removes the temporary file and leaves the destination alone.
public final class AtomicFileWriter {
    public let path: String
    private let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var finished = false
    private static let flushThreshold = 1 << 20

    public init(path: String) throws {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(folder.isEmpty ? "/" : folder)/.\(name).tmp-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw FileAccessError.cannotWrite(path: path, reason: ByteFileReader.systemReason())
        }
        self.descriptor = descriptor
        self.temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        fchmod(descriptor, 0o644)
        buffer.reserveCapacity(AtomicFileWriter.flushThreshold + 4096)
    }

    deinit {
        if !finished { abandon() }
    }

    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= AtomicFileWriter.flushThreshold { try flush() }
    }

    public func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= AtomicFileWriter.flushThreshold { try flush() }
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw FileAccessError.cannotWrite(path: path, reason: ByteFileReader.systemReason())
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames the temporary file over the destination.
    public func commit() throws {
        do {
            try flush()
            guard fsync(descriptor) == 0 else {
                throw FileAccessError.cannotWrite(path: path, reason: ByteFileReader.systemReason())
            }
            close(descriptor)
            descriptor = -1
            guard rename(temporaryPath, path) == 0 else {
                throw FileAccessError.cannotWrite(path: path, reason: ByteFileReader.systemReason())
            }
            finished = true
        } catch {
            abandon()
            throw error
        }
    }

    /// Drops the temporary file; the destination keeps whatever it had.
    public func abandon() {
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        unlink(temporaryPath)
        finished = true
    }

    /// Writes `text` to `path` atomically in one call.
    public static func write(_ text: String, to path: String) throws {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(text)
        try writer.commit()
    }
}
