#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one checked `write(2)` loop every output shares.
enum DescriptorWriter {
    static func writeAll(_ raw: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws {
        var offset = 0
        while offset < raw.count {
            let written = SystemCall.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { throw FileAccessError.closedPipe(path: path) }
                throw FileAccessError.cannotWrite(path: path, reason: ByteFileReader.systemReason())
            }
            offset += written
        }
    }
}
