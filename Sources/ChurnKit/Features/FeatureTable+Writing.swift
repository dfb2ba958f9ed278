extension FeatureTable {
    /// Writes the table atomically: `customer_id`, the feature columns, then `is_churn` when labelled.
    ///
    /// Numbers in their shortest round-tripping form, integers without a decimal point (JSON Lines:
    /// `null` for NaN and infinities in the feature columns). Every field's bytes go into one
    /// reused buffer (the risk list's row writer), flushed every 256 KiB: `churn features` on a
    /// million customers writes 17 columns per row, and a `String` per field made this loop most of
    /// the command's time.
    public func write(to path: String, format: TableFormat) throws {
        let writer = try AtomicFileWriter(path: path)
        let names = ["customer_id"] + columnNames + (labels == nil ? [] : ["is_churn"])
        if format == .csv { try writer.write(names.map(CSVText.quoted).joined(separator: ",") + "\n") }
        var row = RowText(format: format, names: names)
        try values.withUnsafeBufferPointer { values in
            for i in 0..<rowCount {
                row.field(0)
                row.text(customerIDs[i])
                let first = i * columnCount
                for j in 0..<columnCount {
                    row.field(1 + j)
                    row.number(values[first + j])
                }
                if let labels {
                    row.field(1 + columnCount)
                    NumberText.appendFormat(labels[i], to: &row.bytes)
                }
                row.endRow()
                if row.bytes.count >= RowText.flushBytes { try row.flush(to: writer) }
            }
        }
        try row.flush(to: writer)
        try writer.commit()
    }
}
