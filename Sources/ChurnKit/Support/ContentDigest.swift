import Crypto

/// SHA-256 of an input's bytes, fed by the ingestion pass as it reads them (swift-crypto).
///
/// The model file records the training data's digest so a model can be traced to its data. It is
/// computed from the blocks the CSV reader reads anyway, never by reading the file again: a second
/// read would cost a pass over a large log, and from a pipe there is no second read to make.
public final class ContentDigest: @unchecked Sendable {
    private var hasher = SHA256()
    private var result: String?

    /// An empty digest, ready for `update`.
    public init() {}

    /// Adds the next block of the input. Ignored once the digest is finished.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard result == nil else { return }
        hasher.update(bufferPointer: bytes)
    }

    /// Ends the input: the hex digest is fixed from now on.
    public func finish() {
        guard result == nil else { return }
        result = Self.hex(hasher.finalize())
    }

    /// The lowercase hex digest, or nil while the input has not been read to its end.
    public var hexDigest: String? { result }

    /// The hex SHA-256 of `bytes` (model ids, tests).
    public static func hex<Bytes: Sequence>(of bytes: Bytes) -> String where Bytes.Element == UInt8 {
        hex(SHA256.hash(data: Array(bytes)))
    }

    private static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
