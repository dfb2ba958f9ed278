#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files being written right now, removed when SIGINT or SIGTERM ends the run.
///
/// A signal handler may only call async-signal-safe functions, so the registry is a fixed table of
/// C strings that the handler walks with `unlink(2)`, then restores the default action and raises
/// the signal again (the exit status still says "killed by SIGINT"). Strings are never freed: a
/// handler running during `unregister` must not read freed memory, and a run has few outputs.
/// `kill -9` cannot be caught; its leftovers are recognisable by the `.NAME.churn-tmp-PID-` prefix.
package enum TemporaryFiles {
    static let capacity = 256
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        return slots
    }()

    /// Registers `path`; returns its slot for `unregister` (nil when the table is full).
    static func register(_ path: String) -> Int? {
        for k in 0..<capacity where slots[k] == nil {
            slots[k] = strdup(path)
            return k
        }
        return nil
    }

    static func unregister(_ slot: Int?) {
        if let slot { slots[slot] = nil }
    }

    /// Runs `body` with SIGINT, SIGTERM and SIGHUP held back (delivered when it returns), so that
    /// a file created and registered inside it is either not yet there or known to the handler.
    static func withSignalsHeld<T>(_ body: () throws -> T) rethrows -> T {
        var held = sigset_t(), previous = sigset_t()
        sigemptyset(&held)
        for sig in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&held, sig) }
        sigprocmask(SIG_BLOCK, &held, &previous)
        defer { sigprocmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }

    /// Removes every registered temporary file (also called before a quiet exit on a closed pipe).
    package static func removeAll() {
        for k in 0..<capacity { if let path = slots[k] { unlink(path) } }
    }

    /// Installs the SIGINT/SIGTERM/SIGHUP handler and ignores SIGPIPE (a closed pipe becomes EPIPE,
    /// which the writers report as `FileAccessError.closedPipe`). Called once by the `churn` entry point.
    package static func installSignalHandlers() {
        signal(SIGPIPE, SIG_IGN)
        let handler: @convention(c) (Int32) -> Void = { received in
            for k in 0..<TemporaryFiles.capacity { if let path = TemporaryFiles.slots[k] { unlink(path) } }
            signal(received, SIG_DFL)
            raise(received)
        }
        // A parent may start us with these signals blocked (Foundation's Process does); a
        // scheduler's SIGTERM must still clean up, so they are unblocked here.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, handler)
            sigaddset(&unblock, sig)
        }
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
    }
}
