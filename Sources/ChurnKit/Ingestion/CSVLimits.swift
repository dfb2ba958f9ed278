import Foundation

/// How large a CSV field or record may be before the reader gives up.
///
/// Without a limit one endless field (`/dev/zero`, a file whose only quote is never closed, a
/// binary file passed by mistake) makes the read buffer grow until the machine runs out of
/// memory. With it, such input fails fast with the file, line and column, and memory stays at
/// about `maxRecordBytes`. The default field limit, 1 MiB, is far above any id, date, amount or
/// category a churn table holds; `--max-field-bytes` raises it.
public struct CSVLimits: Sendable, Equatable {
    /// The longest field, in bytes (quotes and `""` escapes included).
    public var maxFieldBytes: Int
    /// The most fields a record may have (Excel's own limit is 16,384 columns).
    public var maxFields: Int

    /// 1 MiB: far above any real id, date or amount, far below what would exhaust memory.
    public static let defaultMaxFieldBytes = 1 << 20

    /// Limits; both must be positive (a programming error otherwise: callers validate user input first).
    public init(maxFieldBytes: Int = CSVLimits.defaultMaxFieldBytes, maxFields: Int = 1 << 16) {
        precondition(maxFieldBytes > 0 && maxFields > 0, "limits must be positive: \(maxFieldBytes), \(maxFields)")
        self.maxFieldBytes = maxFieldBytes
        self.maxFields = maxFields
    }

    /// The longest record, in bytes: 16 maximal fields or 16 MiB, whichever is more.
    public var maxRecordBytes: Int { max(16 << 20, maxFieldBytes.multipliedReportingOverflow(by: 16).overflow ? Int.max : maxFieldBytes * 16) }

    /// The limits every reader uses unless given others; `churn --max-field-bytes` sets it once,
    /// before any input is read.
    public static var processDefault: CSVLimits {
        get { lock.lock(); defer { lock.unlock() }; return current }
        set { lock.lock(); defer { lock.unlock() }; current = newValue }
    }

    nonisolated(unsafe) private static var current = CSVLimits()
    private static let lock = NSLock()
}
