import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Outputs never destroy anything: an output over an input or over another output is refused
/// (exit 2, both paths named); devices, FIFOs and links are written where they point; modes kept;
/// a full device is exit 5; a closed pipe ends quietly.
enum OutputSafetyCases {
    static let log: [String: BadInputFile] = ["log.csv": .text(BadInputFixture.log)]
    static let logAndModel: [String: BadInputFile] = ["log.csv": .text(BadInputFixture.log), "m.json": .copy("models/cdnow.json")]
    static let conflict = "is the same file as the input"

    static func isRegular(_ run: BadInputRun, _ path: String) -> Bool { run.mode(path) & S_IFMT == S_IFREG }

    static let all: [BadInputCase] = [
        // Outputs over inputs.
        .init(name: "features --output over the log", category: "output over input", files: log,
              arguments: ["features", "log.csv", "-o", "log.csv"], exitCode: 2, message: "--output 'log.csv' is the same file as the input log 'log.csv'"),
        .init(name: "output over the log reached through a link", category: "output over input",
              files: log.merging(["link.csv": .symlink(to: "log.csv")]) { a, _ in a },
              arguments: ["features", "link.csv", "-o", "log.csv"], exitCode: 2, message: "input log 'link.csv'"),
        .init(name: "output is a link to the log", category: "output over input",
              files: log.merging(["out.csv": .symlink(to: "log.csv")]) { a, _ in a },
              arguments: ["features", "log.csv", "-o", "out.csv"], exitCode: 2, message: "--output 'out.csv' \(conflict) log 'log.csv'",
              check: { run in #expect(run.mode("out.csv") & S_IFMT == S_IFLNK) }),
        .init(name: "output spelled differently (./sub/../log.csv)", category: "output over input",
              files: log.merging(["sub/keep.txt": .text("x")]) { a, _ in a },
              arguments: ["features", "log.csv", "-o", "./sub/../log.csv"], exitCode: 2, message: conflict),
        .init(name: "--rejects over the log", category: "output over input", files: log,
              arguments: ["features", "log.csv", "--bad-rows", "skip", "--rejects", "log.csv"], exitCode: 2, message: "--rejects 'log.csv' \(conflict) log"),
        .init(name: "score --output over the model", category: "output over input", files: logAndModel,
              arguments: ["score", "--model", "m.json", "log.csv", "-o", "m.json"], exitCode: 2, message: "--output 'm.json' \(conflict) --model 'm.json'"),
        .init(name: "score --rejects over the model", category: "output over input", files: logAndModel,
              arguments: ["score", "--model", "m.json", "log.csv", "--bad-rows", "skip", "--rejects", "m.json"], exitCode: 2, message: "--rejects 'm.json'"),
        .init(name: "train --output over the training data", category: "output over input", files: log,
              arguments: ["train", "log.csv", "--horizon", "30", "-o", "log.csv"], exitCode: 2, message: "--output 'log.csv' \(conflict) training data 'log.csv'"),
        .init(name: "metrics --output over the log", category: "output over input", files: log,
              arguments: ["metrics", "log.csv", "-o", "log.csv"], exitCode: 2, message: conflict),
        .init(name: "cohorts --output over the log", category: "output over input", files: log,
              arguments: ["cohorts", "log.csv", "-o", "log.csv"], exitCode: 2, message: conflict),
        .init(name: "nps --output over the survey", category: "output over input", files: ["s.csv": .text("score\n9\n3\n")],
              arguments: ["nps", "s.csv", "-o", "s.csv"], exitCode: 2, message: "input survey 's.csv'"),
        .init(name: "segments --output over the model", category: "output over input", files: logAndModel,
              arguments: ["segments", "log.csv", "--model", "m.json", "-o", "m.json"], exitCode: 2, message: conflict),
        .init(name: "evaluate --rejects over the model", category: "output over input", files: logAndModel,
              arguments: ["evaluate", "--model", "m.json", "log.csv", "--cutoff", "1997-08-31", "--bad-rows", "skip", "--rejects", "m.json"],
              exitCode: 2, message: conflict),
        // Outputs over outputs.
        .init(name: "--rejects over --output", category: "output over output", files: log,
              arguments: ["features", "log.csv", "-o", "out.csv", "--bad-rows", "skip", "--rejects", "out.csv"], exitCode: 2,
              message: "--rejects 'out.csv' is the same file as the output --output 'out.csv'",
              check: { run in #expect(!FileManager.default.fileExists(atPath: run.path("out.csv"))) }),
        .init(name: "--rejects over an existing --output through a link", category: "output over output",
              files: log.merging(["out.csv": .text("keep\n"), "r.csv": .symlink(to: "out.csv")]) { a, _ in a },
              arguments: ["features", "log.csv", "-o", "out.csv", "--bad-rows", "skip", "--rejects", "r.csv"], exitCode: 2, message: "--rejects 'r.csv'"),
        .init(name: "both outputs to standard output", category: "output over output", files: log,
              arguments: ["features", "log.csv", "-o", "-", "--bad-rows", "skip", "--rejects", "-"], exitCode: 2, message: "--rejects '-'"),
        // Where outputs go.
        .init(name: "output FIFO is written in place", category: "device/FIFO/link output", files: log.merging(["pipe": .fifo]) { a, _ in a },
              arguments: ["features", "log.csv", "-o", "pipe"], exitCode: 0, readFIFO: "pipe",
              check: { run in
                  #expect(run.mode("pipe") & S_IFMT == S_IFIFO)
                  #expect(run.fifo.hasPrefix("customer_id,frequency,"))
              }),
        .init(name: "output null device stays a device", category: "device/FIFO/link output",
              files: log.merging(["null": .characterDevice(major: 1, minor: 3)]) { a, _ in a },
              arguments: ["features", "log.csv", "-o", "null"], exitCode: 0, check: { run in #expect(run.mode("null") & S_IFMT == S_IFCHR) }),
        .init(name: "two outputs to one null device are fine", category: "device/FIFO/link output",
              files: log.merging(["null": .characterDevice(major: 1, minor: 3)]) { a, _ in a },
              arguments: ["features", "log.csv", "-o", "null", "--bad-rows", "skip", "--rejects", "null"], exitCode: 0),
        .init(name: "output full device: exit 5 with the reason", category: "full device / closed pipe",
              files: log.merging(["full": .characterDevice(major: 1, minor: 7)]) { a, _ in a },
              arguments: ["features", "log.csv", "-o", "full"], exitCode: 5, message: "cannot write 'full': No space left on device",
              check: { run in #expect(run.mode("full") & S_IFMT == S_IFCHR) }),
        .init(name: "model to a full device", category: "full device / closed pipe",
              files: log.merging(["full": .characterDevice(major: 1, minor: 7)]) { a, _ in a },
              arguments: ["train", "log.csv", "--cutoff", "1997-08-31", "--horizon", "60", "-o", "full", "--quiet"], exitCode: 5,
              message: "No space left on device"),
        .init(name: "standard output on a full device", category: "full device / closed pipe",
              files: log.merging(["full": .characterDevice(major: 1, minor: 7)]) { a, _ in a },
              arguments: ["metrics", "log.csv"], exitCode: 5, message: "cannot write 'standard output': No space left on device",
              standardOutput: .file("full")),
        .init(name: "report -o - on a full device", category: "full device / closed pipe",
              files: log.merging(["full": .characterDevice(major: 1, minor: 7)]) { a, _ in a },
              arguments: ["cohorts", "log.csv", "--format", "csv", "-o", "-"], exitCode: 5, message: "No space left on device",
              standardOutput: .file("full")),
        .init(name: "closed pipe on standard output ends quietly", category: "full device / closed pipe",
              files: ["log.csv": .copy("datasets/cdnow/transactions.csv")],
              arguments: ["features", "log.csv", "-o", "-", "--quiet"], exitCode: 0, message: "", standardOutput: .closedPipe),
        .init(name: "closed pipe during a summary ends quietly", category: "full device / closed pipe",
              files: ["log.csv": .copy("datasets/cdnow/transactions.csv")],
              arguments: ["metrics", "log.csv", "--period", "month", "--quiet"], exitCode: 0, message: "", standardOutput: .closedPipe),
        .init(name: "symbolic link output: target replaced, link stays", category: "device/FIFO/link output",
              files: log.merging(["target.csv": .text("old\n"), "link.csv": .symlink(to: "target.csv")]) { a, _ in a },
              arguments: ["features", "log.csv", "-o", "link.csv"], exitCode: 0, outputs: ["target.csv"],
              check: { run in
                  #expect(run.mode("link.csv") & S_IFMT == S_IFLNK)
                  #expect(run.read("target.csv").hasPrefix("customer_id,"))
              }),
        .init(name: "dangling link output creates its target", category: "device/FIFO/link output",
              files: log.merging(["link.csv": .symlink(to: "new.csv")]) { a, _ in a },
              arguments: ["features", "log.csv", "-o", "link.csv"], exitCode: 0, outputs: ["new.csv"],
              check: { run in
                  #expect(run.mode("link.csv") & S_IFMT == S_IFLNK)
                  #expect(run.read("new.csv").hasPrefix("customer_id,"))
              }),
        .init(name: "existing output keeps its permission bits", category: "permissions",
              files: log.merging(["out.csv": .textWithMode("old\n", mode: 0o640)]) { a, _ in a },
              arguments: ["features", "log.csv", "-o", "out.csv"], exitCode: 0, outputs: ["out.csv"],
              check: { run in #expect(run.mode("out.csv") & 0o7777 == 0o640) }),
        .init(name: "existing model keeps its permission bits", category: "permissions",
              files: log.merging(["m.json": .textWithMode("{}", mode: 0o600)]) { a, _ in a },
              arguments: ["train", "log.csv", "--cutoff", "1997-08-31", "--horizon", "60", "-o", "m.json", "--quiet"], exitCode: 0, outputs: ["m.json"],
              check: { run in #expect(run.mode("m.json") & 0o7777 == 0o600) }),
        .init(name: "new output gets the umask's bits", category: "permissions", files: log,
              arguments: ["features", "log.csv", "-o", "new.csv"], exitCode: 0,
              check: { run in
                  let mask = umask(0o022); umask(mask)
                  #expect(run.mode("new.csv") & 0o777 == 0o666 & ~mask)
              }),
        .init(name: "output is a directory", category: "device/FIFO/link output", files: log.merging(["d/x": .text("")]) { a, _ in a },
              arguments: ["features", "log.csv", "-o", "d"], exitCode: 5, message: "cannot write 'd': it is a directory"),
        .init(name: "output in a folder that does not exist", category: "device/FIFO/link output", files: log,
              arguments: ["features", "log.csv", "-o", "nowhere/out.csv"], exitCode: 5, message: "cannot write 'nowhere/out.csv'"),
        .init(name: "model to standard output", category: "standard output", files: log,
              arguments: ["train", "log.csv", "--cutoff", "1997-08-31", "--horizon", "60", "-o", "-", "--quiet"], exitCode: 0,
              check: { run in
                  #expect(run.stdout.hasPrefix("{"))
                  #expect(run.stderr.contains("Logistic regression"))
              }),
        .init(name: "report to standard output carries only the report", category: "standard output", files: log,
              arguments: ["metrics", "log.csv", "--format", "csv", "-o", "-"], exitCode: 0,
              check: { run in #expect(run.stdout.hasPrefix("period,start,end,")) }),
        .init(name: "risk list to standard output, summary to standard error", category: "standard output", files: logAndModel,
              arguments: ["score", "--model", "m.json", "log.csv", "-o", "-", "--scored-at", "2026-01-01T00:00:00Z"], exitCode: 0,
              check: { run in
                  #expect(run.stdout.hasPrefix("rank,customer_id,"))
                  #expect(run.stderr.contains("customers scored"))
              }),
    ]
}

@Suite struct OutputSafetyCaseTests {
    @Test(arguments: OutputSafetyCases.all) func run(_ c: BadInputCase) throws { try BadInputRunner.run(c) }
}
