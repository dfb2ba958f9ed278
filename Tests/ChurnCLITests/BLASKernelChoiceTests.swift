import ChurnKit
import Foundation
import Testing

/// `churn` starts itself again with `OPENBLAS_CORETYPE` when OpenBLAS fell back to its generic
/// kernels on a CPU with wider ones (OpenBLAS prints the core it loads with `OPENBLAS_VERBOSE=2`).
struct BLASKernelChoiceTests {
    static func cores(coreType: String?) throws -> (cores: [String], stdout: String, status: Int32) {
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_CORETYPE"] = coreType
        environment["OPENBLAS_VERBOSE"] = "2"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ChurnBinary.path)
        process.arguments = ["--version"]
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let cores = stderr.split(separator: "\n").filter { $0.hasPrefix("Core: ") }.map { String($0.dropFirst(6)) }
        return (cores, stdout, process.terminationStatus)
    }

    @Test func genericKernelsAreReplacedOnceAndAChosenCoreIsKept() throws {
        let run = try Self.cores(coreType: nil)
        #expect(run.status == 0 && !run.stdout.isEmpty)
        // A build without DYNAMIC_ARCH prints no core: nothing to check there.
        guard let first = run.cores.first else { return }
        let flags = BLASKernels.cpuFlags(cpuinfo: (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? "")
        if let preferred = BLASKernels.preferredCoreType(running: first, cpuFlags: flags, requested: nil) {
            #expect(run.cores == [first, preferred])
        } else {
            #expect(run.cores == [first])
        }
        let chosen = try Self.cores(coreType: "Prescott")
        #expect(chosen.status == 0 && chosen.cores == ["Prescott"] && chosen.stdout == run.stdout)
    }
}
