/// A model and an input that do not fit: the columns the model needs that the input lacks, and
/// (where it matters) the ones the input has that the model has never seen.
public struct ModelInputMismatch: Error, CustomStringConvertible, Equatable {
    /// The input that did not fit (a path, `<stdin>` or `<transactions>`).
    public var file: String
    /// Columns the model needs that the input lacks.
    public var missing: [String]
    /// Columns of the input the model has never seen (listed where they mean a wrong file).
    public var extra: [String]
    /// What kind of input the model expects, when the input is of another kind.
    public var note: String? = nil

    /// One line naming the file and both lists.
    public var description: String {
        var parts: [String] = []
        if let note { parts.append(note) }
        if !missing.isEmpty { parts.append("missing: \(missing.joined(separator: ", "))") }
        if !extra.isEmpty { parts.append("not in the model: \(extra.joined(separator: ", "))") }
        return "\(file): the input does not match the model's features (\(parts.joined(separator: "; ")))"
    }
}
