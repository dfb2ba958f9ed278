import ChurnKit
import Foundation

/// Starts `churn` again with `OPENBLAS_CORETYPE` set when OpenBLAS fell back to its generic
/// kernels on a CPU it did not recognise (`BLASKernels.preferredCoreType`): the library reads
/// the variable only when it is loaded, before `main`. Nothing happens when the variable is
/// already set (to any value: `OPENBLAS_CORETYPE=Prescott` keeps the generic kernels), when
/// OpenBLAS recognised the CPU, or off Linux; if the new start fails the run goes on as it is.
enum BLASKernelChoice {
    static func restartWithBetterKernelsIfNeeded() {
        #if os(Linux)
        let environment = ProcessInfo.processInfo.environment
        guard environment["OPENBLAS_CORETYPE"] == nil, BLASKernels.coreName.lowercased() == "prescott",
              let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let coreType = BLASKernels.preferredCoreType(running: BLASKernels.coreName, cpuFlags: BLASKernels.cpuFlags(cpuinfo: cpuinfo),
                                                           requested: nil),
              SystemCall.setEnvironment("OPENBLAS_CORETYPE", coreType)
        else { return }
        SystemCall.execute("/proc/self/exe", CommandLine.arguments)
        #endif
    }
}
