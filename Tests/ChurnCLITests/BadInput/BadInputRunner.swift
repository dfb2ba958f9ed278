import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Runs a ``BadInputCase``: builds its folder, snapshots the inputs, runs the binary there and
/// checks exit code, message, untouched inputs and no leftover temporary files.
enum BadInputRunner {
    static func run(_ c: BadInputCase, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = NSTemporaryDirectory() + "churn-badinput-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try create(c.files, in: folder)
        let before = snapshot(folder, excluding: c.outputs)
        let run = try execute(c, in: folder)
        let context = "\(c.testDescription)\nargv: \(c.arguments)\nexit \(run.status)\nstderr: \(run.stderr)"
        #expect(run.status == c.exitCode, Comment(rawValue: context), sourceLocation: sourceLocation)
        if let message = c.message {
            if message.isEmpty {
                #expect(run.stderr.isEmpty, Comment(rawValue: context), sourceLocation: sourceLocation)
            } else {
                #expect(run.stderr.contains(message), Comment(rawValue: "expected «\(message)»\n" + context), sourceLocation: sourceLocation)
            }
        }
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Program crashed"), Comment(rawValue: context), sourceLocation: sourceLocation)
        let after = snapshot(folder, excluding: c.outputs)
        for (path, bytes) in before {
            #expect(after[path] == bytes, Comment(rawValue: "input \(path) changed\n" + context), sourceLocation: sourceLocation)
        }
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.contains(".churn-tmp-") } ?? []
        #expect(leftovers.isEmpty, Comment(rawValue: "temporary files left: \(leftovers)\n" + context), sourceLocation: sourceLocation)
        if let check = c.check { try check(run) }
    }

    static func create(_ files: [String: BadInputFile], in folder: String) throws {
        // Plain files first, so links and edits can point at them.
        for (relative, file) in files.sorted(by: { order($0.value) < order($1.value) }) {
            let path = folder + "/" + relative
            let parent = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            switch file {
            case let .text(text): try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            case let .bytes(bytes): try Data(bytes).write(to: URL(fileURLWithPath: path))
            case let .copy(repositoryPath):
                try FileManager.default.copyItem(atPath: ChurnBinary.repositoryRoot + "/" + repositoryPath, toPath: path)
            case let .editedJSON(repositoryPath, edit):
                let data = try Data(contentsOf: URL(fileURLWithPath: ChurnBinary.repositoryRoot + "/" + repositoryPath))
                var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
                edit(&object)
                try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: path))
            case .fifo:
                guard mkfifo(path, 0o644) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            case let .characterDevice(major, minor):
                guard mknod(path, S_IFCHR | 0o666, dev_t(major) << 8 | dev_t(minor)) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            case let .symlink(target):
                try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
            case let .textWithMode(text, mode):
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
                chmod(path, mode)
            }
        }
    }

    private static func order(_ file: BadInputFile) -> Int {
        if case .symlink = file { return 1 }
        return 0
    }

    /// Bytes of every regular file under `folder` (links not followed), keyed by relative path.
    static func snapshot(_ folder: String, excluding outputs: Set<String>) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let names = FileManager.default.subpaths(atPath: folder) else { return result }
        for name in names where !outputs.contains(name) {
            var info = stat()
            guard lstat(folder + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            result[name] = FileManager.default.contents(atPath: folder + "/" + name)
        }
        return result
    }

    static func execute(_ c: BadInputCase, in folder: String) throws -> BadInputRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ChurnBinary.path)
        process.arguments = c.arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let input = Pipe()
        process.standardInput = input
        let err = Pipe()
        process.standardError = err
        var out: Pipe? = nil
        switch c.standardOutput {
        case .pipe:
            out = Pipe()
            process.standardOutput = out
        case .closedPipe:
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            try pipe.fileHandleForReading.close()
        case let .file(relative):
            guard let handle = FileHandle(forWritingAtPath: folder + "/" + relative) else { throw POSIXError(.ENOENT) }
            process.standardOutput = handle
        }
        if process.processIdentifier == 0 { try process.run() }
        try? input.fileHandleForWriting.close()
        // A FIFO output needs a reader, or opening it blocks (as it would in a shell).
        final class Box: @unchecked Sendable { var data = Data() }
        let fifoContent = Box()
        let fifoDone = DispatchSemaphore(value: 0)
        if let relative = c.readFIFO {
            DispatchQueue.global().async {
                fifoContent.data = FileHandle(forReadingAtPath: folder + "/" + relative)?.readDataToEndOfFile() ?? Data()
                fifoDone.signal()
            }
        }
        let stdoutData = out?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if let relative = c.readFIFO, fifoDone.wait(timeout: .now() + 2) == .timedOut {
            // The binary never opened the FIFO: release the reader with an empty writer.
            let descriptor = open(folder + "/" + relative, O_WRONLY | O_NONBLOCK)
            if descriptor >= 0 { close(descriptor) }
            fifoDone.wait()
        }
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return BadInputRun(folder: folder, status: status, stdout: String(decoding: stdoutData, as: UTF8.self),
                           stderr: String(decoding: stderrData, as: UTF8.self), fifo: String(decoding: fifoContent.data, as: UTF8.self))
    }
}
