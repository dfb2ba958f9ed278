#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where an input's bytes come from, for as many passes as the work needs.
///
/// A regular file is simply opened again for each pass. Anything else — `-` (standard input), a
/// FIFO, `/dev/stdin`, a character device — can be read only once, yet some work needs a second
/// pass (a log out of date order, a cut-off that defaults to the last date). Such an input is
/// *spooled*: the first pass copies every byte it reads into an anonymous temporary file (created
/// and unlinked at once, so nothing is left behind even after `kill -9`), and later passes read
/// the copy first, then whatever the source still has. The spool grows only as far as the reads
/// go, so an endless input (`/dev/zero`) is stopped by the CSV reader's field limit, not by a
/// full disk. One spool per path serves the whole process.
enum InputSource {
    /// The name errors use for an input: `<stdin>` for `-`, the path otherwise.
    static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    /// Starts a pass over the input at `path`.
    static func open(path: String) throws -> InputPass {
        if path != "-" {
            var info = stat()
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG || (info.st_mode & S_IFMT) == S_IFDIR {
                return InputPass(descriptor: try ByteFileReader.open(path: path), spool: nil, path: path)
            }
        }
        let spool = try Spool.shared(for: path)
        return InputPass(descriptor: -1, spool: spool, path: path)
    }

    /// A pass over a regular, uncompressed file from byte `offset` (no gzip sniffing): one
    /// chunk of a parallel read.
    static func openPlain(path: String, at offset: Int) throws -> InputPass {
        let descriptor = try ByteFileReader.open(path: path)
        guard lseek(descriptor, off_t(offset), SEEK_SET) == off_t(offset) else {
            let reason = ByteFileReader.systemReason()
            SystemCall.close(descriptor)
            throw FileAccessError.cannotOpen(path: displayName(path), reason: reason)
        }
        var pass = InputPass(descriptor: descriptor, spool: nil, path: path)
        pass.startPlain(at: offset)
        return pass
    }

    /// Whether parallel ingestion may read `path` in chunks: a regular file whose first two bytes
    /// are not the gzip magic.
    static func isPlainRegularFile(path: String) -> Bool {
        guard path != "-" else { return false }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        guard let descriptor = try? ByteFileReader.open(path: path) else { return false }
        defer { SystemCall.close(descriptor) }
        var head: (UInt8, UInt8) = (0, 0)
        let got = withUnsafeMutableBytes(of: &head) { pread(descriptor, $0.baseAddress!, 2, 0) }
        return !(got == 2 && head.0 == 0x1F && head.1 == 0x8B)
    }

    /// A stream that can be read once, with the copy of what has been read so far.
    final class Spool: @unchecked Sendable {
        let path: String
        private let source: Int32
        private let copy: Int32
        private(set) var spooledBytes = 0
        private(set) var sourceEnded = false

        nonisolated(unsafe) private static var spools: [String: Spool] = [:]
        private static let lock = NSLock()

        static func shared(for path: String) throws -> Spool {
            lock.lock()
            defer { lock.unlock() }
            if let spool = spools[path] { return spool }
            let spool = try Spool(path: path)
            spools[path] = spool
            return spool
        }

        private init(path: String) throws {
            self.path = path
            source = path == "-" ? dup(STDIN_FILENO) : try ByteFileReader.open(path: path)
            guard source >= 0 else { throw FileAccessError.cannotOpen(path: InputSource.displayName(path), reason: ByteFileReader.systemReason()) }
            let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            var template = Array((folder + "/churn-spool-XXXXXX").utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard descriptor >= 0 else {
                let reason = ByteFileReader.systemReason()
                close(source)
                throw FileAccessError.cannotWrite(path: folder, reason: "cannot create a spool file for \(InputSource.displayName(path)): \(reason)")
            }
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            copy = descriptor
        }

        deinit {
            close(copy)
            close(source)
        }

        /// Reads bytes `offset…` into `destination`: from the copy while it has them, then from
        /// the source (appending what comes to the copy). 0 means the end of the input.
        func read(at offset: Int, into destination: UnsafeMutableRawPointer, count: Int) throws -> Int {
            if offset < spooledBytes {
                let wanted = min(count, spooledBytes - offset)
                while true {
                    let got = pread(copy, destination, wanted, off_t(offset))
                    if got > 0 { return got }
                    if got < 0 && errno == EINTR { continue }
                    throw FileAccessError.cannotRead(path: InputSource.displayName(path), reason: got < 0 ? ByteFileReader.systemReason() : "the spool file is shorter than expected")
                }
            }
            if sourceEnded { return 0 }
            let got = try ByteFileReader.read(descriptor: source, into: destination, count: count, path: InputSource.displayName(path))
            if got == 0 {
                sourceEnded = true
                return 0
            }
            var written = 0
            while written < got {
                let n = pwrite(copy, destination + written, got - written, off_t(spooledBytes + written))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FileAccessError.cannotWrite(path: "spool of \(InputSource.displayName(path))", reason: ByteFileReader.systemReason())
                }
                written += n
            }
            spooledBytes += got
            return got
        }
    }

}
