import COpenBLAS

/// Which of OpenBLAS's kernels run, and which would suit the CPU better.
///
/// OpenBLAS (built with `DYNAMIC_ARCH`, as Debian ships it) picks its kernels once, when the
/// library is loaded, from the CPU's family and model number. A CPU newer than the library —
/// Debian 12's 0.3.21 does not know Intel's family 6 model 207 — gets the generic `Prescott`
/// kernels (SSE3, no FMA), though the CPU has AVX-512: `dgemm`, the work of every Newton solve and
/// of the per-term roughness estimate, ran ~2.5× slower (README, "Performance"). The library reads
/// `OPENBLAS_CORETYPE` only at load time, so the `churn` executable starts itself again with it
/// set (`ChurnCommand.runMain`); a Swift program that links ChurnKit can set it in its own
/// environment.
package enum BLASKernels {
    /// The kernels OpenBLAS is running (`openblas_get_corename`), e.g. `Prescott`, `Haswell`, `SkylakeX`.
    package static var coreName: String { String(cString: openblas_get_corename()) }

    /// The `OPENBLAS_CORETYPE` for a CPU with `cpuFlags` (as `/proc/cpuinfo` lists them) when
    /// OpenBLAS fell back to its generic `Prescott` kernels and no core type was `requested`:
    /// `SkylakeX` with the AVX-512 foundation, conflict-detection, byte/word, doubleword/quadword
    /// and vector-length extensions (the set its kernels use), `Haswell` with AVX2 and FMA; nil
    /// otherwise — a core OpenBLAS recognised, or a core type the user chose, is kept.
    package static func preferredCoreType(running coreName: String, cpuFlags: Set<String>, requested: String?) -> String? {
        guard requested == nil, coreName.lowercased() == "prescott" else { return nil }
        if ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(cpuFlags.contains) { return "SkylakeX" }
        if ["avx2", "fma"].allSatisfy(cpuFlags.contains) { return "Haswell" }
        return nil
    }

    /// The feature flags of the first processor in `cpuinfo` (the text of `/proc/cpuinfo`).
    package static func cpuFlags(cpuinfo: String) -> Set<String> {
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        }
        return []
    }
}
