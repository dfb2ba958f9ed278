import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// One hostile or mistaken run of the built `churn` binary and what it must do.
///
/// How to add cases (the whole framework is this file and `BadInputRunner.swift`):
///
/// 1. Pick or create a file `Tests/ChurnCLITests/BadInput/<Category>Cases.swift` holding
///    `enum <Category>Cases { static let all: [BadInputCase] = [...] }` and one parameterized test
///    `@Test(arguments: <Category>Cases.all) func run(_ c: BadInputCase) throws { try BadInputRunner.run(c) }`
///    inside a `@Suite`. No central list to edit, so files from different branches merge cleanly.
/// 2. A case is: a name, a category, the files to create in a fresh temporary folder (`files`:
///    relative path → ``BadInputFile``: text, bytes, a copy of a repository file, an edited copy of
///    a model file, a FIFO, a character device made with mknod, a symbolic link, a permission
///    mode), the arguments (relative paths resolve in that folder: the binary runs there), the
///    expected exit code and a fragment the error must contain (`message`; include the file, line
///    and column where the error has them, e.g. `"log.csv:3: column 'date'"`).
/// 3. The runner snapshots every regular file it created before the run and asserts each is
///    byte-identical afterwards, except the paths listed in `outputs` (which the run may write),
///    and that no `.churn-tmp-` file is left behind. `check` adds case-specific assertions on the
///    folder (a kept permission mode, a link that still is a link, a device still a device).
///
/// Nothing is written outside the temporary folder: devices are `mknod` nodes inside it (the
/// full device is `mknod full c 1 7`), never /dev paths.
struct BadInputCase: Sendable, CustomTestStringConvertible {
    enum StandardOutput: Sendable {
        /// A pipe the runner reads to the end (the default).
        case pipe
        /// A pipe whose reading end the runner closes at once (`churn … | head`): EPIPE.
        case closedPipe
        /// A file or device node in the temporary folder (e.g. the `full` node for ENOSPC).
        case file(String)
    }

    var name: String
    var category: String
    var files: [String: BadInputFile]
    var arguments: [String]
    var exitCode: Int32
    /// A fragment the standard error must contain; nil: not checked; "" : standard error must be empty.
    var message: String?
    /// Paths the run may write (everything else created must be byte-identical afterwards).
    var outputs: Set<String> = []
    var standardOutput: StandardOutput = .pipe
    /// A FIFO in the folder the runner reads to the end while the binary runs (a FIFO output).
    var readFIFO: String? = nil
    var check: (@Sendable (BadInputRun) throws -> Void)? = nil

    var testDescription: String { "\(category): \(name)" }
}

/// A file a case creates in its temporary folder.
enum BadInputFile: Sendable {
    case text(String)
    case bytes([UInt8])
    /// A copy of a file of the repository (e.g. `models/cdnow.json`).
    case copy(String)
    /// A copy of a repository JSON file, edited as a parsed object (model-file corruptions).
    case editedJSON(String, @Sendable (inout [String: Any]) -> Void)
    case fifo
    /// `mknod path c major minor` (1 3: a null device, 1 7: a full device).
    case characterDevice(major: UInt32, minor: UInt32)
    case symlink(to: String)
    /// Text with a permission mode (e.g. 0o640).
    case textWithMode(String, mode: mode_t)
}

/// What a run produced, for `check` closures.
struct BadInputRun: Sendable {
    var folder: String
    var status: Int32
    var stdout: String
    var stderr: String
    /// What was read from `readFIFO`.
    var fifo: String = ""

    func path(_ relative: String) -> String { folder + "/" + relative }

    func mode(_ relative: String) -> mode_t {
        var info = stat()
        guard lstat(path(relative), &info) == 0 else { return 0 }
        return info.st_mode
    }

    func read(_ relative: String) -> String { (try? String(contentsOfFile: path(relative), encoding: .utf8)) ?? "" }
}

/// Shared small inputs for cases.
enum BadInputFixture {
    /// A transaction log of 60 customers over 1997 with a mix of churners and stayers: with
    /// `--cutoff 1997-08-31 --horizon 60` both classes appear, and the log runs to 1997-12-2x.
    static let log: String = {
        var lines = ["customer_id,date,amount"]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: 1997, month: 1, day: 1))!
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        for customer in 1...60 {
            let gap = 10 + (customer * 7) % 40
            let stop = 120 + (customer * 37) % 240
            var day = customer % 20
            var k = 0
            while day <= stop && day < 358 {
                let date = calendar.date(byAdding: .day, value: day, to: start)!
                lines.append("\(customer),\(formatter.string(from: date)),\(10 + (customer * 13 + k * 7) % 90).\(k % 10)5")
                day += gap
                k += 1
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }()
}
