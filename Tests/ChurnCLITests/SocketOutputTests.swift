import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// An output path that names a Unix-domain socket is connected to and written in place, like a
/// FIFO: the listener receives exactly the bytes a file would hold, and the socket stays a socket.
struct SocketOutputTests {
    /// A listening socket at `path`; `received` returns what one client sent before closing.
    final class Listener: @unchecked Sendable {
        let descriptor: Int32
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(path: String) throws {
            descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8)
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes + [0]) }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            #expect(bound == 0)
            #expect(listen(descriptor, 1) == 0)
            Thread.detachNewThread { [self] in
                let client = accept(descriptor, nil, nil)
                var buffer = [UInt8](repeating: 0, count: 1 << 16)
                while client >= 0 {
                    let got = read(client, &buffer, buffer.count)
                    if got <= 0 { break }
                    data.append(contentsOf: buffer[0..<got])
                }
                if client >= 0 { close(client) }
                done.signal()
            }
        }

        func received() -> Data {
            _ = done.wait(timeout: .now() + 60)
            close(descriptor)
            return data
        }
    }

    @Test func featuresAreWrittenIntoAListeningSocket() throws {
        let folder = ChurnBinary.temporaryFolder()
        let log = folder + "/log.csv"
        try "customer_id,date,amount\n1,2024-01-01,5\n2,2024-01-03,7\n1,2024-02-01,3\n".write(toFile: log, atomically: true, encoding: .utf8)
        let socketPath = folder + "/out.sock"
        let listener = try Listener(path: socketPath)
        let viaSocket = try ChurnBinary.run(["features", log, "--output", socketPath, "--quiet"])
        #expect(viaSocket.status == 0, "\(viaSocket.stderr)")
        let sent = listener.received()
        let file = try ChurnBinary.run(["features", log, "--output", folder + "/out.csv", "--quiet"])
        #expect(file.status == 0)
        #expect(sent == (try Data(contentsOf: URL(fileURLWithPath: folder + "/out.csv"))))
        var info = stat()
        #expect(lstat(socketPath, &info) == 0 && (info.st_mode & S_IFMT) == S_IFSOCK, "the socket is still a socket")
    }

    @Test func aSocketNobodyListensOnIsACleanError() throws {
        let folder = ChurnBinary.temporaryFolder()
        let log = folder + "/log.csv"
        try "customer_id,date,amount\n1,2024-01-01,5\n".write(toFile: log, atomically: true, encoding: .utf8)
        let socketPath = folder + "/dead.sock"
        let listener = try Listener(path: socketPath)
        close(listener.descriptor)                           // bound, but nobody listens any more
        let run = try ChurnBinary.run(["features", log, "--output", socketPath, "--quiet"])
        #expect(run.status == 5)
        #expect(run.stderr.contains("cannot connect to the socket"), "\(run.stderr)")
        var info = stat()
        #expect(lstat(socketPath, &info) == 0 && (info.st_mode & S_IFMT) == S_IFSOCK)
    }
}
