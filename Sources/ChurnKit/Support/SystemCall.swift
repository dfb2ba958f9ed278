#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's system calls under names no method shadows.
///
/// Inside a type with its own `write` or `connect`, the bare C name resolves to the method; the
/// module-qualified name (`Glibc.write`) does not compile where the C library is Musl or Darwin.
/// These wrappers pick the module once, behind the platform guard, so callers stay portable.
package enum SystemCall {
    package static func open(_ path: String, _ flags: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.open(path, flags)
        #elseif canImport(Musl)
        Musl.open(path, flags)
        #elseif canImport(Darwin)
        Darwin.open(path, flags)
        #endif
    }

    package static func read(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
        #elseif canImport(Musl)
        Musl.read(descriptor, buffer, count)
        #elseif canImport(Darwin)
        Darwin.read(descriptor, buffer, count)
        #endif
    }

    package static func write(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, buffer, count)
        #elseif canImport(Musl)
        Musl.write(descriptor, buffer, count)
        #elseif canImport(Darwin)
        Darwin.write(descriptor, buffer, count)
        #endif
    }

    @discardableResult
    package static func close(_ descriptor: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.close(descriptor)
        #elseif canImport(Musl)
        Musl.close(descriptor)
        #elseif canImport(Darwin)
        Darwin.close(descriptor)
        #endif
    }

    package static func connect(_ descriptor: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
        #if canImport(Glibc)
        Glibc.connect(descriptor, address, length)
        #elseif canImport(Musl)
        Musl.connect(descriptor, address, length)
        #elseif canImport(Darwin)
        Darwin.connect(descriptor, address, length)
        #endif
    }

    /// Sets an environment variable for this process and the programs it starts; false on failure.
    @discardableResult
    package static func setEnvironment(_ name: String, _ value: String) -> Bool {
        #if canImport(Glibc)
        Glibc.setenv(name, value, 1) == 0
        #elseif canImport(Musl)
        Musl.setenv(name, value, 1) == 0
        #elseif canImport(Darwin)
        Darwin.setenv(name, value, 1) == 0
        #endif
    }

    /// Replaces this process with `path` run with `arguments` (the first is the program's name) and
    /// the current environment; returns only when that fails.
    package static func execute(_ path: String, _ arguments: [String]) {
        var pointers: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        #if canImport(Glibc)
        _ = Glibc.execv(path, &pointers)
        #elseif canImport(Musl)
        _ = Musl.execv(path, &pointers)
        #elseif canImport(Darwin)
        _ = Darwin.execv(path, &pointers)
        #endif
    }

    /// Ends the process at once with `code` (no Swift cleanup runs; the C library's `atexit` does).
    package static func exit(_ code: Int32) -> Never {
        #if canImport(Glibc)
        Glibc.exit(code)
        #elseif canImport(Musl)
        Musl.exit(code)
        #elseif canImport(Darwin)
        Darwin.exit(code)
        #endif
    }
}
