import Foundation
import Testing
@testable import ChurnKit

/// Paths and scratch files for tests.
enum TestFiles {
    /// The repository root, found from this file's path so tests run from any directory.
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    static func bundled(_ relative: String) -> String { repositoryRoot + "/" + relative }

    static let cdnow = bundled("datasets/cdnow/transactions.csv")
    static let telco = bundled("datasets/telco/wa_churn.csv")

    /// A fresh scratch folder.
    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "churnkit-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `contents` to a new file and returns its path.
    static func write(_ contents: String, name: String = "log.csv") -> String {
        let path = temporaryFolder() + "/" + name
        try! contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func read(_ path: String) -> String { try! String(contentsOfFile: path, encoding: .utf8) }
}

/// `|a − b| ≤ absolute + relative·max(|a|, |b|)`, swift-numerics style.
func isClose(_ a: Double, _ b: Double, absolute: Double = 1e-12, relative: Double = 1e-9) -> Bool {
    if a == b { return true }
    return abs(a - b) <= absolute + relative * max(abs(a), abs(b))
}
