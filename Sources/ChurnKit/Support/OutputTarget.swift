#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where one output of a run goes, decided before any work starts.
///
/// `-` is standard output. Any other path is followed through symbolic links to its target: a
/// regular file (or a path that does not exist yet) is replaced atomically by a temporary file and
/// a rename, so a reader sees the old file or the whole new one; a device, FIFO or socket cannot be
/// "replaced" without destroying it, so it is opened and written in place. The link itself stays.
public enum OutputTarget: Equatable, Sendable {
    /// Standard output (`-`).
    case standardOutput
    /// A regular file or a new path: written to a temporary file beside `destination`, then renamed.
    /// `mode` holds the existing file's permission bits (nil: new file, the umask decides).
    case replace(destination: String, mode: UInt32?, owner: UInt32?, group: UInt32?)
    /// A character or block device or a FIFO: opened and written where it is.
    case inPlace(destination: String)

    /// Resolves `path`; throws when it names a directory, a dangling chain of links or a socket.
    public static func resolve(_ path: String) throws -> OutputTarget {
        if path == "-" { return .standardOutput }
        let destination = try FilePath.followingLinks(path)
        var info = stat()
        guard stat(destination, &info) == 0 else {
            if errno == ENOENT { return .replace(destination: destination, mode: nil, owner: nil, group: nil) }
            throw FileAccessError.cannotWrite(path: path, reason: ByteFileReader.systemReason())
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return .replace(destination: destination, mode: UInt32(info.st_mode & 0o7777), owner: UInt32(info.st_uid), group: UInt32(info.st_gid))
        case S_IFDIR:
            throw FileAccessError.cannotWrite(path: path, reason: "it is a directory")
        case S_IFSOCK:
            throw FileAccessError.cannotWrite(path: path, reason: "it is a socket; write to a file, a FIFO or '-' (standard output) instead")
        default:
            return .inPlace(destination: destination)
        }
    }
}

/// Path helpers shared by the output checks: link following and file identity.
public enum FilePath {
    /// `path` with every symbolic link along the final component followed (up to 40, like the kernel).
    public static func followingLinks(_ path: String) throws -> String {
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
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// The last component of `path`.
    public static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// What makes two paths the same file: device and inode when it exists, else the canonical path
    /// it would be created at. `-` is the standard stream `descriptor` (0 for inputs, 1 for outputs).
    public enum Identity: Hashable, Sendable {
        case node(device: UInt64, inode: UInt64, isCharacterDevice: Bool)
        case future(String)
    }

    /// The identity of `path`, or nil when it cannot be told (an unreadable folder).
    public static func identity(of path: String, standardStream descriptor: Int32) -> Identity? {
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
