import CZlib

/// Inflates a gzip stream as it is read, for logs exported as `.csv.gz`.
///
/// The input is recognized by its magic bytes (`1f 8b`), not by its name, so a compressed log
/// arriving through a pipe is read as well. Concatenated gzip members (what `cat a.gz b.gz`
/// and parallel compressors write) are read one after the other, as `gzip -d` does. A stream
/// that stops before its end, or whose bytes do not inflate, is an error naming the input and the
/// compressed byte offset, never a silently shorter log.
final class GzipDecoder {
    private var stream = z_stream()
    private let input: UnsafeMutablePointer<UInt8>
    private let inputCapacity = 1 << 18
    private var inputEnded = false
    /// Compressed bytes consumed by earlier members (for error offsets).
    private var finishedMembersBytes = 0
    private var memberEnded = false
    let name: String

    /// `pending` are bytes already read from the source (the sniffed start of the input).
    init(name: String, pending: [UInt8]) throws {
        self.name = name
        input = .allocate(capacity: max(inputCapacity, pending.count))
        pending.withUnsafeBufferPointer { input.update(from: $0.baseAddress!, count: $0.count) }
        stream.next_in = input
        stream.avail_in = UInt32(pending.count)
        // 15 + 16: a gzip wrapper (not zlib, not raw deflate), the largest window.
        let status = inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            input.deallocate()
            throw IngestionError.corruptCompression(file: name, offset: 0, reason: "cannot start zlib (status \(status))")
        }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    /// Inflates up to `count` bytes into `destination`; 0 at the end of the last member.
    /// `source` reads more compressed bytes (0 at its end).
    func read(into destination: UnsafeMutableRawPointer, count: Int,
              source: (UnsafeMutableRawPointer, Int) throws -> Int) throws -> Int {
        guard count > 0 else { return 0 }
        while true {
            if stream.avail_in == 0 && !inputEnded {
                let got = try source(input, inputCapacity)
                if got == 0 { inputEnded = true }
                stream.next_in = input
                stream.avail_in = UInt32(got)
            }
            if memberEnded {
                // Another member follows only if there are bytes left.
                if stream.avail_in == 0 && inputEnded { return 0 }
                finishedMembersBytes += Int(stream.total_in)
                guard inflateReset(&stream) == Z_OK else {
                    throw IngestionError.corruptCompression(file: name, offset: finishedMembersBytes, reason: "cannot restart zlib")
                }
                memberEnded = false
            }
            stream.next_out = destination.assumingMemoryBound(to: UInt8.self)
            stream.avail_out = UInt32(min(count, Int(UInt32.max)))
            let before = stream.avail_out
            let status = inflate(&stream, Z_NO_FLUSH)
            let produced = Int(before - stream.avail_out)
            switch status {
            case Z_STREAM_END:
                memberEnded = true
            case Z_OK:
                break
            case Z_BUF_ERROR where stream.avail_in == 0:
                // Needs more input.
                if inputEnded {
                    throw IngestionError.corruptCompression(file: name, offset: offset,
                                                            reason: "the gzip stream is truncated (it ends before its last block)")
                }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                throw IngestionError.corruptCompression(file: name, offset: offset, reason: "the gzip data is corrupt (\(message))")
            }
            if produced > 0 { return produced }
            if stream.avail_in == 0 && inputEnded && !memberEnded {
                throw IngestionError.corruptCompression(file: name, offset: offset,
                                                        reason: "the gzip stream is truncated (it ends before its last block)")
            }
        }
    }

    /// The compressed byte offset reached.
    private var offset: Int { finishedMembersBytes + Int(stream.total_in) }
}
