#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A connection to a Unix-domain stream socket, for an output path that names one: a socket
/// cannot be opened like a file (`open(2)` fails with ENXIO), so it is connected to and written
/// in place, as a device or a FIFO is (a log collector listening on a socket gets the rows).
enum UnixSocket {
    /// A descriptor connected to the socket at `path` (already resolved through links).
    static func connect(path: String, displayPath: String) throws -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else {
            throw FileAccessError.cannotWrite(path: displayPath, reason: "the socket path is longer than \(capacity - 1) bytes")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        #if canImport(Glibc)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw FileAccessError.cannotWrite(path: displayPath, reason: ByteFileReader.systemReason()) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { SystemCall.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            let reason = ByteFileReader.systemReason()
            close(descriptor)
            throw FileAccessError.cannotWrite(path: displayPath, reason: "cannot connect to the socket: \(reason)")
        }
        return descriptor
    }
}
