import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A run killed by SIGINT or SIGTERM removes its temporary files (the signal handler unlinks them,
/// then re-raises, so the exit status still says which signal); the temporary name says whose it is.
@Suite struct InterruptedRunTests {
    @Test(arguments: [SIGTERM, SIGINT]) func signalRemovesTemporaryFiles(_ signal: Int32) throws {
        let folder = NSTemporaryDirectory() + "churn-signal-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The input is a FIFO nobody writes: the run creates the --rejects temporary file, then
        // blocks opening the input, so the signal arrives while the temporary file exists.
        #expect(mkfifo(folder + "/in.csv", 0o644) == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ChurnBinary.path)
        process.arguments = ["features", "in.csv", "--cutoff", "1997-06-30", "--bad-rows", "skip", "--rejects", "r.csv", "--quiet"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        var temporary: [String] = []
        for _ in 0..<200 where temporary.isEmpty {
            usleep(50_000)
            temporary = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.contains(".churn-tmp-") } ?? []
        }
        #expect(temporary.count == 1, "no temporary file appeared: \(temporary)")
        if temporary.isEmpty {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return
        }
        if let name = temporary.first { #expect(name.hasPrefix(".r.csv.churn-tmp-\(process.processIdentifier)-")) }
        kill(process.processIdentifier, signal)
        // Never hang the suite: if the signal does not end the run within 10 s, kill it and fail.
        for _ in 0..<200 where process.isRunning { usleep(50_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("signal \(signal) did not end the run")
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signal)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        #expect(left == ["in.csv"], "left behind: \(left)")
    }
}
