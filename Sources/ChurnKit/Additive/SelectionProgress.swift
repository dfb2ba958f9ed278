/// The inner cross-validation's progress: one step per candidate.
struct SelectionProgress {
    let steps: Double
    let reporter: ProgressReporter
    var done = 0.0

    mutating func step(_ detail: String) {
        done += 1
        reporter.update(fraction: done / steps, detail: detail)
    }
}
