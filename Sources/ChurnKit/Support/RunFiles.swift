/// The files one run reads and writes, checked before any work starts so that no output can land
/// on an input or on another output.
///
/// Names are the user's words for each file (a flag such as `--output`, or "the log"), so the error
/// says which two options collide. Two paths collide when they are the same file after following
/// links (same device and inode) or, for outputs that do not exist yet, the same canonical path.
/// Character devices (a terminal, a null device) may be shared: writing twice to them loses nothing.
package struct RunFiles: Sendable {
    package struct File: Sendable {
        package var name: String
        package var path: String
        package init(_ name: String, _ path: String) { self.name = name; self.path = path }
    }

    package var inputs: [File]
    package var outputs: [File]

    package init(inputs: [File], outputs: [File]) {
        self.inputs = inputs
        self.outputs = outputs
    }

    /// Throws `OutputConflictError` for the first output that is an input or an earlier output.
    /// Also claims standard output for data when an output is `-`, so summaries go to standard error.
    package func check() throws {
        var seen: [(file: File, identity: FilePath.Identity)] = []
        for input in inputs {
            if let identity = FilePath.identity(of: input.path, standardStream: 0) { seen.append((input, identity)) }
        }
        let inputCount = seen.count
        for output in outputs {
            if output.path == "-" { StandardOutput.claimForData() }
            guard let identity = FilePath.identity(of: output.path, standardStream: 1) else { continue }
            for (index, earlier) in seen.enumerated() where earlier.identity == identity {
                if case .node(_, _, true) = identity { continue }
                throw OutputConflictError(output: output, other: earlier.file, otherIsInput: index < inputCount)
            }
            seen.append((output, identity))
        }
    }
}
