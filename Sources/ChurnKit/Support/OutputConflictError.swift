/// An output that would overwrite an input or another output of the same run.
package struct OutputConflictError: Error, CustomStringConvertible, Equatable {
    package var output: RunFiles.File
    package var other: RunFiles.File
    package var otherIsInput: Bool

    package var description: String {
        let role = otherIsInput ? "input" : "output"
        return "\(output.name) '\(output.path)' is the same file as the \(role) \(other.name) '\(other.path)'; "
            + "nothing was read or written. Choose a different \(output.name) path."
    }

    package static func == (a: Self, b: Self) -> Bool {
        a.output.path == b.output.path && a.other.path == b.other.path && a.otherIsInput == b.otherIsInput
    }
}
