import Foundation

/// How a read went: rows kept and skipped, the date range, bytes and time.
public struct IngestionSummary: Sendable, Equatable {
    /// Rows that passed every check (including those dated after the last relevant day).
    public var rowsRead = 0
    /// Bad rows skipped under ``BadRowPolicy/skip``.
    public var rowsSkipped = 0
    /// Bytes of input read (inflated bytes for a gzip input).
    public var bytesRead = 0
    /// The earliest purchase day among the rows read; nil when none was read.
    public var firstDay: CalendarDay? = nil
    /// The latest purchase day among the rows read; nil when none was read.
    public var lastDay: CalendarDay? = nil
    /// Wall time of the read.
    public var seconds = 0.0

    /// Completes the summary at the end of a read (either read path): the bytes, the date range of
    /// the rows seen (`minDay > maxDay`: none) and the wall time since `started`; a file with no
    /// row at all, good or bad, is an error.
    mutating func finish(bytesRead: Int, minDay: Int32, maxDay: Int32, started: Double, file: String) throws {
        self.bytesRead = bytesRead
        if rowsRead == 0 && rowsSkipped == 0 { throw IngestionError.noRows(file: file) }
        if minDay <= maxDay {
            firstDay = CalendarDay(daysSinceEpoch: minDay)
            lastDay = CalendarDay(daysSinceEpoch: maxDay)
        }
        seconds = MonotonicClock.seconds() - started
    }
}
