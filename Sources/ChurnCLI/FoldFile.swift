import ChurnKit
import Foundation

/// `--folds FILE`: one 0-based fold number per line.
enum FoldFile {
    static func read(_ path: String, foldCount: Int) throws -> CrossValidationFolds {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw FileAccessError.cannotOpen(path: path, reason: "no such file or not readable")
        }
        var folds: [Int] = []
        for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let fold = Int(trimmed), (0..<foldCount).contains(fold) else {
                // Bad data in an input file (exit 3), as a bad row of a log is; not a usage error.
                throw IngestionError.malformedRow(file: path, line: k + 1, column: nil,
                                                  reason: "'\(IngestionError.excerpt(trimmed))' is not a fold number in 0..<\(foldCount) (--cv \(foldCount))")
            }
            folds.append(fold)
        }
        return CrossValidationFolds(foldCount: foldCount, foldOfRow: folds)
    }
}
