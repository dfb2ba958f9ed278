#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress display on standard error, shown only when it is a terminal.
///
/// Scheduled jobs redirect output to files; they get no carriage-return noise. Updates are
/// throttled to a few per second so the hot loop pays one clock read per call at most.
public final class ProgressReporter: @unchecked Sendable {
    /// Whether anything will be drawn (standard error is a terminal and not quiet).
    public let enabled: Bool
    private let label: String
    private var lastDraw: Double = 0
    private var drewSomething = false

    /// A reporter that prefixes `label`; `quiet` turns it off.
    public init(label: String, quiet: Bool = false) {
        self.label = label
        self.enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    /// A reporter that never prints.
    public static let silent = ProgressReporter(label: "", quiet: true)

    /// Redraws the line with `fraction` (0…1, nil when unknown) and `detail`, at most five times a second.
    public func update(fraction: Double?, detail: String) {
        guard enabled else { return }
        let now = MonotonicClock.seconds()
        guard now - lastDraw >= 0.2 else { return }
        lastDraw = now
        let percent = fraction.map { " \(Int(($0 * 100).rounded()))%" } ?? ""
        StandardError.write("\r\u{1B}[2K\(label)\(percent) \(detail)")
        drewSomething = true
    }

    /// Clears the line, so the next output starts clean.
    public func finish() {
        guard enabled, drewSomething else { return }
        StandardError.write("\r\u{1B}[2K")
        drewSomething = false
    }
}
