#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Seconds on the monotonic clock, for the timings in training reports and run summaries.
///
/// Monotonic so a timing never goes negative when the wall clock is adjusted mid-run; a plain
/// `Double` so a report can subtract and print it. Named apart from the standard library's
/// `Clock` protocol, which a bare `Clock` would shadow for every file that imports ChurnKit.
package enum MonotonicClock {
    /// Seconds since an arbitrary fixed point (only differences mean anything).
    package static func seconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }
}
