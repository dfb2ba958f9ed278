/// Labelled-table features of a source, encoded by ``TableEncoding``.
extension FeatureSource {
    /// Fits the encoding on the whole table (column types, levels, median fills) and encodes it
    /// with its labels: what training and `churn features --label` see. Needs
    /// ``TableColumns/label``.
    public func encodedTable() throws -> (encoding: TableEncoding, table: FeatureTable) {
        let fitted = try fitEncoding(digest: nil)
        return (fitted.encoding, fitted.table)
    }

    /// ``encodedTable()`` with the warnings about the table's input columns
    /// (``TableEncoding/inputWarnings(in:)``).
    public func encodedTableWithWarnings() throws -> (encoding: TableEncoding, table: FeatureTable, warnings: [String]) {
        let fitted = try fitEncoding(digest: nil)
        return (fitted.encoding, fitted.table, fitted.encoding.inputWarnings(in: fitted.raw))
    }

    /// The table as read (`digest` receives a file's bytes), the encoding fitted on it and the
    /// labelled encoded table.
    func fitEncoding(digest: ContentDigest?) throws -> (raw: RawTable, encoding: TableEncoding, table: FeatureTable) {
        guard let columns = tableColumns else {
            throw FeatureError.invalidOption("\(name) holds transactions, not a labelled table")
        }
        guard let label = columns.label else {
            throw ParameterError(parameter: "label", value: "none", allowed: "the name of the table's label column")
        }
        let raw = try rawTable(digest: digest)
        let encoding = try TableEncoding.fit(raw, labelColumn: label, positiveLabel: columns.positiveLabel, idColumn: columns.id,
                                             sampleWeightColumn: columns.sampleWeight, typing: columns.typing)
        return (raw, encoding, try encoding.encode(raw, requireLabel: true).table)
    }

    /// The table read from disk, or the one in memory.
    func rawTable(digest: ContentDigest?) throws -> RawTable {
        switch self {
        case let .table(path, columns): return try RawTable.read(path: path, digest: digest, delimiter: columns.delimiter)
        case let .rawTable(raw, _): return raw
        case .transactionLog, .transactions:
            throw FeatureError.invalidOption("\(name) holds transactions, not a labelled table")
        }
    }

    /// The encoding a model stored, with the source's label column and negative labels in place
    /// of the model's where given (evaluating on a table whose label is named differently).
    func labelledEncoding(_ modelEncoding: TableEncoding) -> TableEncoding {
        var encoding = modelEncoding
        if let label = tableColumns?.label { encoding.labelColumn = label }
        if let negatives = tableColumns?.typing.negativeLabels { encoding.negativeLabels = negatives }
        return encoding
    }
}
