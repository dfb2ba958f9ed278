#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Path helpers shared by the output checks: link following and file identity.
enum FilePath {
    /// `path` with every symbolic link along the final component followed (up to 40, like the kernel).
    static func followingLinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, Int(PATH_MAX))
            guard count >= 0 else { throw FileAccessError.cannotWrite(path: path, reason: ByteFileReader.systemReason()) }
            let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/") ? target : folder(of: current) + "/" + target
        }
        throw FileAccessError.cannotWrite(path: path, reason: "too many levels of symbolic links")
    }

    /// The folder part of `path` ("." when there is none).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// The last component of `path`.
    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// What makes two paths the same file: device and inode when it exists, else the canonical path
    /// it would be created at. `-` is the standard stream `descriptor` (0 for inputs, 1 for outputs).
    enum Identity: Hashable, Sendable {
        case node(device: UInt64, inode: UInt64, isCharacterDevice: Bool)
        case future(String)
    }

    /// The identity of `path`, or nil when it cannot be told (an unreadable folder).
    static func identity(of path: String, standardStream descriptor: Int32) -> Identity? {
        var info = stat()
        if path == "-" {
            guard fstat(descriptor, &info) == 0 else { return nil }
            return .node(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), isCharacterDevice: (info.st_mode & S_IFMT) == S_IFCHR)
        }
        if stat(path, &info) == 0 {
            return .node(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), isCharacterDevice: (info.st_mode & S_IFMT) == S_IFCHR)
        }
        guard let target = try? followingLinks(path) else { return nil }
        guard let folder = realpath(folder(of: target), nil) else { return nil }
        defer { free(folder) }
        return .future(String(cString: folder) + "/" + name(of: target))
    }
}
