extension FeatureTable {
    /// Writes the table atomically: `customer_id`, the feature columns, then `is_churn` when labelled.
    public func write(to path: String, format: TableFormat) throws {
        let writer = try AtomicFileWriter(path: path)
        let labelName = "is_churn"
        switch format {
        case .csv:
            try writer.write((["customer_id"] + columnNames + (labels == nil ? [] : [labelName])).map(CSVText.quoted).joined(separator: ",") + "\n")
            for i in 0..<rowCount {
                var line = CSVText.quoted(customerIDs[i])
                for j in 0..<columnCount { line += "," + NumberText.format(values[i * columnCount + j]) }
                if let labels { line += "," + NumberText.format(labels[i]) }
                try writer.write(line + "\n")
            }
        case .jsonl:
            let keys = columnNames.map(NumberText.jsonString)
            for i in 0..<rowCount {
                var line = "{\"customer_id\":" + NumberText.jsonString(customerIDs[i])
                for j in 0..<columnCount { line += "," + keys[j] + ":" + NumberText.json(values[i * columnCount + j]) }
                if let labels { line += ",\"\(labelName)\":" + NumberText.format(labels[i]) }
                try writer.write(line + "}\n")
            }
        }
        try writer.commit()
    }
}
