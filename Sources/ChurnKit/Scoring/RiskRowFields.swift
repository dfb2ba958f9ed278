/// One risk-list row's fields, in the column order of ``RiskList/columnNames`` and the optional
/// columns after them: everything a row needs that is the same for every row.
struct RiskRowFields: Sendable {
    /// The buffers of one wave, each written by its own thread.
    struct Buffers: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<RowText>
        init(_ pointer: UnsafeMutablePointer<RowText>) { self.pointer = pointer }
    }

    let list: RiskList
    let format: TableFormat
    let gains: [Double]?
    let segments: RFMSegments?
    let numericColumns: [(name: String, values: [Double])]
    let modelField: [UInt8], scoredField: [UInt8]

    init(list: RiskList, format: TableFormat, names: [String], gains: [Double]?, segments: RFMSegments?,
         numericColumns: [(name: String, values: [Double])]) {
        self.list = list
        self.format = format
        self.gains = gains
        self.segments = segments
        self.numericColumns = numericColumns
        let encoder = RowText(format: format, names: [])
        modelField = encoder.encoded(list.modelID)
        scoredField = encoder.encoded(list.scoredAt)
    }

    /// Appends the row at rank index `k`, the `position`-th row written, to `row`.
    func write(position: Int, rank k: Int, into row: inout RowText) {
        let i = list.order[k]
        row.field(0)
        NumberText.appendInteger(Int64(k + 1), to: &row.bytes)
        row.field(1)
        row.text(list.customerIDs[i])
        row.field(2)
        row.number(list.probabilities[i])
        row.field(3)
        NumberText.appendInteger(Int64(list.decile(at: k)), to: &row.bytes)
        row.field(4)
        row.text(list.band(at: k).rawValue)
        let shown = list.reasons(at: k)
        for r in 0..<3 {
            row.field(5 + r)
            if r < shown.count { row.reason(shown[r]) } else { row.missing() }
        }
        row.field(8)
        row.money(list.valueAtRisk(at: k))
        row.field(9)
        row.bytes.append(contentsOf: modelField)
        row.field(10)
        row.bytes.append(contentsOf: scoredField)
        var j = 11
        if let gains {
            row.field(j)
            row.money(gains[position])
            j += 1
        }
        let tableRow = list.tableRow(at: k)
        if let segments {
            let s = segments.scores[tableRow]
            if format == .csv {
                for field in segments.fields(tableRow) {
                    row.field(j)
                    row.text(field)
                    j += 1
                }
            } else {
                for value in [s.recency, s.frequency, s.monetary] {
                    row.field(j)
                    NumberText.appendInteger(Int64(value), to: &row.bytes)
                    j += 1
                }
                for text in [s.code, s.segment.rawValue] {
                    row.field(j)
                    row.text(text)
                    j += 1
                }
            }
        }
        for column in numericColumns {
            row.field(j)
            row.money(column.values[tableRow])
            j += 1
        }
        row.endRow()
    }
}
