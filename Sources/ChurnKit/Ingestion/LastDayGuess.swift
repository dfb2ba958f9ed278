#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A cheap guess at a log's last date from its final rows, so that features "as of the last
/// date" can be built in one pass instead of a date pass and then the feature pass.
///
/// The guess is only a guess: the feature pass tracks the true last date while it reads, and the
/// builder rebuilds with that date whenever the guess was wrong, so results never depend on it
/// (``TransactionFeatureBuilder``). It pays off for logs appended in date order, the usual case.
/// No guess (nil) is made unless the end of a plain, uncompressed regular file holds at least two
/// rows whose dates never go down: a log sorted by customer or shuffled keeps the separate pass.
enum LastDayGuess {
    /// How much of the file's end is read.
    static let tailBytes = 64 << 10

    static func fromTail(path: String, columns: TransactionColumns) -> Int32? {
        guard let size = ByteFileReader.size(path: path), size > 0, let delimiter = columns.delimiter.byte,
              let descriptor = try? ByteFileReader.open(path: path) else { return nil }
        defer { SystemCall.close(descriptor) }
        guard let head = read(descriptor, at: 0, count: min(size, tailBytes)), head.count >= 2, !(head[0] == 0x1F && head[1] == 0x8B),
              let headerEnd = head.firstIndex(of: 10) else { return nil }
        var header = head[0..<headerEnd]
        if header.starts(with: [0xEF, 0xBB, 0xBF]) { header = header.dropFirst(3) }
        let names = fields(header, delimiter).map { name -> ArraySlice<UInt8> in
            name.count >= 2 && name.first == UInt8(ascii: "\"") && name.last == UInt8(ascii: "\"") ? name.dropFirst().dropLast() : name
        }
        guard let dateColumn = names.firstIndex(where: { $0.elementsEqual(columns.date.utf8) }) else { return nil }
        let start = max(0, size - tailBytes)
        guard let tail = read(descriptor, at: start, count: size - start) else { return nil }
        var lines = tail.split(separator: 10, omittingEmptySubsequences: true)
        lines = Array(lines.dropFirst())   // the header, or a line the tail may have cut
        let dates = DateReader(format: columns.dateFormat, timeZone: columns.timeZone)
        var days: [Int32] = []
        for var line in lines {
            if line.last == 13 { line = line.dropLast() }
            guard !line.contains(UInt8(ascii: "\"")) else { continue }
            let parts = fields(line, delimiter)
            guard parts.count == names.count else { continue }
            let field = Array(parts[dateColumn])
            guard case let .day(day) = field.withUnsafeBufferPointer({ dates.day($0) }) else { continue }
            if let last = days.last, day < last { return nil }
            days.append(day)
        }
        return days.count >= 2 ? days.last : nil
    }

    private static func fields(_ line: ArraySlice<UInt8>, _ delimiter: UInt8) -> [ArraySlice<UInt8>] {
        line.split(separator: delimiter, omittingEmptySubsequences: false)
    }

    private static func read(_ descriptor: Int32, at offset: Int, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, count - filled, off_t(offset + filled)) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { return nil }
            filled += got
        }
        return bytes
    }
}
