import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Facts about the machine the objective splits work for.
enum System {
    static var activeProcessorCount: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}
