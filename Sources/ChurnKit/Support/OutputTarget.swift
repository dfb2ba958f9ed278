#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where one output of a run goes, decided before any work starts.
///
/// `-` is standard output. Any other path is followed through symbolic links to its target: a
/// regular file (or a path that does not exist yet) is replaced atomically by a temporary file and
/// a rename, so a reader sees the old file or the whole new one; a device, FIFO or socket cannot be
/// "replaced" without destroying it, so it is opened and written in place. The link itself stays.
enum OutputTarget: Equatable, Sendable {
    /// Standard output (`-`).
    case standardOutput
    /// A regular file or a new path: written to a temporary file beside `destination`, then renamed.
    /// `mode` holds the existing file's permission bits (nil: new file, the umask decides).
    case replace(destination: String, mode: UInt32?, owner: UInt32?, group: UInt32?)
    /// A character or block device or a FIFO: opened and written where it is.
    case inPlace(destination: String)
    /// A Unix-domain stream socket: connected to and written where it is.
    case socket(destination: String)

    /// Resolves `path`; throws when it names a directory or a dangling chain of links.
    static func resolve(_ path: String) throws -> OutputTarget {
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
            return .socket(destination: destination)
        default:
            return .inPlace(destination: destination)
        }
    }
}
