/// One model input: a feature-table column and its transform, e.g. `log1p(frequency)`.
public struct ModelInput: Codable, Sendable, Equatable, Hashable {
    /// The feature-table column read.
    public var column: String
    /// Applied to the column's value before standardization.
    public var transform: FeatureTransform

    /// An input reading `column` through `transform`.
    public init(column: String, transform: FeatureTransform = .identity) {
        self.column = column
        self.transform = transform
    }

    /// `frequency` or `log1p(frequency)`; also the syntax `--features` accepts.
    public var name: String { transform == .identity ? column : "\(transform.rawValue)(\(column))" }

    /// Parses `frequency` or `log1p(frequency)`.
    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace
        for transform in FeatureTransform.allCases where transform != .identity {
            let prefix = transform.rawValue + "("
            if trimmed.hasPrefix(prefix) && trimmed.hasSuffix(")") {
                let inner = String(trimmed.dropFirst(prefix.count).dropLast())
                guard !inner.isEmpty else { return nil }
                self.init(column: inner, transform: transform)
                return
            }
        }
        guard !trimmed.isEmpty, !trimmed.contains("(") else { return nil }
        self.init(column: trimmed)
    }

    /// The design matrix for `inputs` from a feature table (rows × inputs, row-major).
    public static func designMatrix(_ inputs: [ModelInput], from table: FeatureTable) throws -> DenseMatrix {
        let indices = try inputs.map { input -> Int in
            guard let j = table.columnNames.firstIndex(of: input.column) else {
                throw FeatureError.missing(input.column, in: table)
            }
            return j
        }
        let p = inputs.count, width = table.columnCount
        var values = [Double](repeating: 0, count: table.rowCount * p)
        for i in 0..<table.rowCount {
            for k in 0..<p { values[i * p + k] = inputs[k].transform.apply(table.values[i * width + indices[k]]) }
        }
        return DenseMatrix(rows: table.rowCount, columns: p, values: values)
    }
}

extension String {
    /// Without leading and trailing whitespace (Unicode's, as `Character.isWhitespace` says).
    ///
    /// Every cell of a labelled table passes through here, so the usual cell (printable ASCII at
    /// both ends) is returned as it is, without walking its `Character`s.
    var trimmingWhitespace: String {
        if hasPrintableASCIIEnds { return self }
        var s = Substring(self)
        while let first = s.first, first.isWhitespace { s = s.dropFirst() }
        while let last = s.last, last.isWhitespace { s = s.dropLast() }
        return String(s)
    }

    /// Starts and ends with a printable ASCII byte (`!`…`~`): such a byte begins (first) or is
    /// (last) a `Character` that is not whitespace, so there is nothing to trim.
    var hasPrintableASCIIEnds: Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        return (0x21...0x7E).contains(first) && (0x21...0x7E).contains(last)
    }
}
