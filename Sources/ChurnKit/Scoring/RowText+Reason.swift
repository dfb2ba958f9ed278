extension RowText {
    /// A reason's words as one text field, built in the reused scratch buffer.
    mutating func reason(_ reason: ScoreReason) {
        scratch.removeAll(keepingCapacity: true)
        reason.appendText(to: &scratch)
        let text = scratch
        text.withUnsafeBufferPointer { appendText($0, string: nil) }
    }
}
