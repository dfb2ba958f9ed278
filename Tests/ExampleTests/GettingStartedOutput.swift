import Foundation

/// What the getting-started example prints, read back line by line.
struct GettingStartedOutput {
    struct AtRisk {
        var id: String
        var probability: Double
        /// The column of each reason (`overdue_ratio=51.74 (+5.59)` → `overdue_ratio`).
        var reasonColumns: [String]
    }

    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    var rows = 0
    var snapshots = 0
    var converged = false
    var auc = Double.nan
    var riskiest: [AtRisk] = []
    var reloadedIdentically = false

    init(_ stdout: String) throws {
        var sawTraining = false, sawAUC = false, sawReload = false
        for line in stdout.split(separator: "\n").map(String.init) {
            let words = line.split(separator: " ").map(String.init)
            if line.hasPrefix("trained on "), words.count >= 9, let rows = Int(words[2]), let snapshots = Int(words[5]) {
                (self.rows, self.snapshots, converged, sawTraining) = (rows, snapshots, words.last == "true", true)
            } else if line.hasPrefix("cross-validated ROC AUC: "), let auc = Double(words.last ?? "") {
                (self.auc, sawAUC) = (auc, true)
            } else if line.hasPrefix("at risk: "), words.count >= 5, let probability = Double(words[3]), words[4] == "because" {
                let reasons = words[5...].joined(separator: " ").components(separatedBy: ", ")
                riskiest.append(AtRisk(id: words[2], probability: probability,
                                       reasonColumns: reasons.compactMap { $0.split(separator: "=").first.map(String.init) }))
            } else if line.hasPrefix("reloaded model scores identically: ") {
                (reloadedIdentically, sawReload) = (words.last == "true", true)
            }
        }
        guard sawTraining, sawAUC, sawReload else { throw Unreadable(description: "unexpected output:\n\(stdout)") }
    }
}
