#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one output of a run without ever leaving it half-written or destroying what it points at.
///
/// The path is resolved once (`OutputTarget`): a regular file or a new path is written to a hidden
/// temporary file in the destination's folder (same file system, so the final `rename(2)` is
/// atomic), flushed with `fsync`, given the old file's permission bits (or the umask's for a new
/// file) and renamed over the destination only when every byte was written; a symbolic link is
/// followed and its target replaced. A device or FIFO is opened and written in place, and `-` is
/// standard output. Every write is checked: a full disk is `FileAccessError.cannotWrite` with the
/// system's reason, a closed pipe `FileAccessError.closedPipe`. On failure, or SIGINT/SIGTERM
/// (`TemporaryFiles`), the temporary file is removed and the destination keeps what it had.
///
/// The temporary name is `.NAME.churn-tmp-PID-XXXXXX`, so a leftover from `kill -9` is recognisable.
package final class AtomicFileWriter {
    package let path: String
    let target: OutputTarget
    private var temporaryPath: String?
    private var temporarySlot: Int?
    private var descriptor: Int32 = -1
    private var buffer: [UInt8] = []
    private var finished = false
    private static let flushThreshold = 1 << 20

    package init(path: String) throws {
        self.path = path
        self.target = try OutputTarget.resolve(path)
        switch target {
        case .standardOutput:
            StandardOutput.claimForData()
        case let .inPlace(destination):
            let descriptor = SystemCall.open(destination, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw FileAccessError.cannotWrite(path: path, reason: ByteFileReader.systemReason()) }
            self.descriptor = descriptor
        case let .socket(destination):
            self.descriptor = try UnixSocket.connect(path: destination, displayPath: path)
        case let .replace(destination, mode, owner, group):
            let name = String(decoding: FilePath.name(of: destination).utf8.prefix(200), as: UTF8.self)
            var template = Array("\(FilePath.folder(of: destination))/.\(name).churn-tmp-\(getpid())-XXXXXX".utf8CString)
            // Creating and registering the temporary file must not be split by SIGINT/SIGTERM, or
            // a signal in between would leave a file the handler does not know.
            let (descriptor, slot): (Int32, Int?) = TemporaryFiles.withSignalsHeld {
                let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
                guard descriptor >= 0 else { return (descriptor, nil) }
                return (descriptor, TemporaryFiles.register(String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)))
            }
            guard descriptor >= 0 else { throw FileAccessError.cannotWrite(path: path, reason: ByteFileReader.systemReason()) }
            let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            self.descriptor = descriptor
            self.temporaryPath = temporary
            self.temporarySlot = slot
            if let owner, let group { _ = fchown(descriptor, owner, group) }
            fchmod(descriptor, mode.map { mode_t($0) } ?? (0o666 & ~AtomicFileWriter.umaskBits))
        }
        buffer.reserveCapacity(AtomicFileWriter.flushThreshold + 4096)
    }

    deinit {
        if !finished { abandon() }
    }

    /// The process umask (read once; `umask(2)` can only be read by setting it).
    private static let umaskBits: mode_t = {
        let bits = umask(0o022)
        umask(bits)
        return bits
    }()

    package func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= AtomicFileWriter.flushThreshold { try flush() }
    }

    package func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= AtomicFileWriter.flushThreshold { try flush() }
    }

    private func flush() throws {
        defer { buffer.removeAll(keepingCapacity: true) }
        if case .standardOutput = target {
            try StandardOutput.write(bytes: buffer)
            return
        }
        try buffer.withUnsafeBytes { try DescriptorWriter.writeAll($0, to: descriptor, path: path) }
    }

    /// Flushes; for a replaced file also syncs and renames the temporary file over the destination.
    package func commit() throws {
        do {
            try flush()
            switch target {
            case .standardOutput:
                try StandardOutput.flush()
            case .inPlace, .socket:
                guard close(descriptor) == 0 else { throw FileAccessError.cannotWrite(path: path, reason: ByteFileReader.systemReason()) }
                descriptor = -1
            case let .replace(destination, _, _, _):
                guard fsync(descriptor) == 0 else {
                    throw FileAccessError.cannotWrite(path: path, reason: ByteFileReader.systemReason())
                }
                guard close(descriptor) == 0 else { throw FileAccessError.cannotWrite(path: path, reason: ByteFileReader.systemReason()) }
                descriptor = -1
                guard rename(temporaryPath!, destination) == 0 else {
                    throw FileAccessError.cannotWrite(path: path, reason: ByteFileReader.systemReason())
                }
                TemporaryFiles.unregister(temporarySlot)
            }
            finished = true
        } catch {
            abandon()
            throw error
        }
    }

    /// Drops the temporary file; the destination keeps whatever it had (a device or pipe keeps what
    /// was already written to it).
    package func abandon() {
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        if let temporaryPath {
            unlink(temporaryPath)
            TemporaryFiles.unregister(temporarySlot)
        }
        finished = true
    }

    /// Writes `text` to `path` in one call.
    package static func write(_ text: String, to path: String) throws {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(text)
        try writer.commit()
    }
}
