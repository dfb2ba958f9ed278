import Testing
@testable import ChurnLinearAlgebra

struct BLASKernelsTests {
    static let avx512 = Set(["sse3", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"])

    @Test func genericKernelsAreReplacedByWhatTheCPUHas() {
        #expect(BLASKernels.preferredCoreType(running: "Prescott", cpuFlags: Self.avx512, requested: nil) == "SkylakeX")
        #expect(BLASKernels.preferredCoreType(running: "Prescott", cpuFlags: ["sse3", "avx", "avx2", "fma"], requested: nil) == "Haswell")
        // AVX-512 without the vector-length extension is not SkylakeX's set.
        #expect(BLASKernels.preferredCoreType(running: "Prescott", cpuFlags: Self.avx512.subtracting(["avx512vl"]), requested: nil) == "Haswell")
        #expect(BLASKernels.preferredCoreType(running: "Prescott", cpuFlags: ["sse3", "avx"], requested: nil) == nil)
    }

    @Test func aRecognisedCoreOrAChosenOneIsKept() {
        #expect(BLASKernels.preferredCoreType(running: "SkylakeX", cpuFlags: Self.avx512, requested: nil) == nil)
        #expect(BLASKernels.preferredCoreType(running: "Haswell", cpuFlags: Self.avx512, requested: nil) == nil)
        #expect(BLASKernels.preferredCoreType(running: "Prescott", cpuFlags: Self.avx512, requested: "Prescott") == nil)
        #expect(BLASKernels.preferredCoreType(running: "Prescott", cpuFlags: Self.avx512, requested: "") == nil)
    }

    @Test func flagsAreReadFromTheFirstProcessor() {
        let cpuinfo = "processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Processor\nflags\t\t: fpu sse3 avx2 fma\n\nprocessor\t: 1\nflags\t\t: fpu\n"
        #expect(BLASKernels.cpuFlags(cpuinfo: cpuinfo) == ["fpu", "sse3", "avx2", "fma"])
        #expect(BLASKernels.cpuFlags(cpuinfo: "processor\t: 0\n").isEmpty)
    }

    @Test func theRunningCoreHasAName() {
        #expect(!BLASKernels.coreName.isEmpty)
    }
}
