#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Raw `read(2)` over a file descriptor: the ingestion hot path reads bytes, never `String`s.
enum ByteFileReader {
    static func systemReason() -> String { String(cString: strerror(errno)) }

    /// Opens `path` for reading and returns the descriptor.
    static func open(path: String) throws -> Int32 {
        let descriptor = SystemCall.open(path, O_RDONLY)
        guard descriptor >= 0 else { throw FileAccessError.cannotOpen(path: path, reason: systemReason()) }
        return descriptor
    }

    /// Reads up to `count` bytes into `destination`, retrying on EINTR; 0 means end of file.
    static func read(descriptor: Int32, into destination: UnsafeMutableRawPointer, count: Int, path: String) throws -> Int {
        while true {
            let got = SystemCall.read(descriptor, destination, count)
            if got >= 0 { return got }
            if errno == EINTR { continue }
            throw FileAccessError.cannotRead(path: path, reason: systemReason())
        }
    }

    /// Calls `body` with each block of the file in order.
    static func forEachBlock(path: String, blockSize: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let descriptor = try open(path: path)
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let got = try read(descriptor: descriptor, into: buffer, count: blockSize, path: path)
            if got == 0 { return }
            try body(UnsafeRawBufferPointer(start: buffer, count: got))
        }
    }

    /// The file's size in bytes, or nil when it cannot be told (a pipe).
    static func size(path: String) -> Int? {
        guard path != "-" else { return nil }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }
}
