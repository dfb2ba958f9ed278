/// An output that would overwrite an input or another output of the same run.
public struct OutputConflictError: Error, CustomStringConvertible, Equatable {
    public var output: RunFiles.File
    public var other: RunFiles.File
    public var otherIsInput: Bool

    public var description: String {
        let role = otherIsInput ? "input" : "output"
        return "\(output.name) '\(output.path)' is the same file as the \(role) \(other.name) '\(other.path)'; "
            + "nothing was read or written. Choose a different \(output.name) path."
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.output.path == b.output.path && a.other.path == b.other.path && a.otherIsInput == b.otherIsInput
    }
}
