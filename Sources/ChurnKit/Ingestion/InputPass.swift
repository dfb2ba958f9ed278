#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One sequential read of an input from its first byte, inflated when it is gzip-compressed
/// (recognized by its first two bytes, `1f 8b`; see ``GzipDecoder``).
struct InputPass {
    private let descriptor: Int32
    private let spool: InputSource.Spool?
    private var offset = 0
    let path: String
    /// Bytes read while looking for the gzip magic, served before anything else (plain input).
    private var sniffed: [UInt8]? = nil
    private var sniffedServed = 0
    private var decoder: GzipDecoder? = nil
    private var started = false

    /// Only ``InputSource`` opens passes (it owns the descriptor and spool rules).
    init(descriptor: Int32, spool: InputSource.Spool?, path: String) {
        self.descriptor = descriptor
        self.spool = spool
        self.path = path
    }

    /// Marks a pass that starts at `offset` of a plain file: nothing to sniff.
    mutating func startPlain(at offset: Int) {
        started = true
        self.offset = offset
    }

    /// Reads up to `count` bytes of the (inflated) input; 0 means its end.
    mutating func read(into destination: UnsafeMutableRawPointer, count: Int) throws -> Int {
        if !started { try sniff() }
        if let decoder {
            return try decoder.read(into: destination, count: count) { buffer, capacity in try self.readRaw(into: buffer, count: capacity) }
        }
        if let sniffed, sniffedServed < sniffed.count {
            let n = min(count, sniffed.count - sniffedServed)
            sniffed.withUnsafeBytes { destination.copyMemory(from: $0.baseAddress! + sniffedServed, byteCount: n) }
            sniffedServed += n
            return n
        }
        return try readRaw(into: destination, count: count)
    }

    /// Reads the first bytes (at least two, unless the input is shorter) and decides.
    private mutating func sniff() throws {
        started = true
        var head = [UInt8](repeating: 0, count: 1 << 16)
        var filled = 0
        while filled < 2 {
            let got = try head.withUnsafeMutableBytes { try readRaw(into: $0.baseAddress! + filled, count: $0.count - filled) }
            if got == 0 { break }
            filled += got
        }
        head.removeLast(head.count - filled)
        if filled >= 2 && head[0] == 0x1F && head[1] == 0x8B {
            decoder = try GzipDecoder(name: InputSource.displayName(path), pending: head)
        } else {
            sniffed = head
        }
    }

    /// Reads up to `count` bytes as stored.
    private mutating func readRaw(into destination: UnsafeMutableRawPointer, count: Int) throws -> Int {
        let got: Int
        if let spool {
            got = try spool.read(at: offset, into: destination, count: count)
        } else {
            got = try ByteFileReader.read(descriptor: descriptor, into: destination, count: count, path: path)
        }
        offset += got
        return got
    }

    /// Closes the file (a spool stays open for later passes).
    func close() {
        if spool == nil { SystemCall.close(descriptor) }
    }
}
