/// The NPS of a survey file, overall and per group.
///
/// The survey is a CSV file with a header; `scoreColumn` holds whole numbers 0 to 10 (surrounding
/// spaces allowed; `9.0` is 9, as pandas writes an integer column that has a missing value). A
/// blank or missing-value cell (`NA`, `null`, …, as in labelled tables) is a row without an
/// answer: counted as unanswered, not scored, as survey tools leave non-respondents out. Anything
/// else — `7.5`, `11`, `-1`, text — is bad input and stops the read with
/// ``IngestionError/malformedRow(file:line:column:reason:)`` naming file, line and column. With a `groupColumn`, groups appear in order of first appearance; an empty group value
/// is a group of its own (shown as an empty name).
public struct NetPromoterSurvey: Sendable, Equatable {
    /// The score over every response.
    public var overall = NetPromoterScore()
    /// The score per value of `groupColumn`, in the order the values first appear.
    public var groups: [(name: String, score: NetPromoterScore)] = []
    /// The column responses were grouped by; nil when not grouped.
    public var groupColumn: String?

    public static func == (lhs: NetPromoterSurvey, rhs: NetPromoterSurvey) -> Bool {
        lhs.overall == rhs.overall && lhs.groupColumn == rhs.groupColumn
            && lhs.groups.map(\.name) == rhs.groups.map(\.name) && lhs.groups.map(\.score) == rhs.groups.map(\.score)
    }

    /// An empty survey.
    public init() {}

    /// Reads the survey (small files: the whole file is scanned once, rows are not kept).
    public static func read(path: String, scoreColumn: String = "score", groupColumn: String? = nil,
                            delimiter: FieldDelimiter = .comma) throws -> NetPromoterSurvey {
        var survey = NetPromoterSurvey()
        survey.groupColumn = groupColumn
        var scoreIndex = 0, groupIndex: Int? = nil, expectedFields = 0, names: [String] = []
        var groupPosition: [String: Int] = [:]
        var rows = 0
        try CSVFileReader(path: path, delimiter: delimiter).forEachRecord(header: { header in
            names = header
            func position(_ name: String) throws -> Int {
                guard let index = header.firstIndex(of: name) else {
                    throw IngestionError.missingColumn(file: path, column: name, available: header)
                }
                return index
            }
            scoreIndex = try position(scoreColumn)
            groupIndex = try groupColumn.map(position)
            expectedFields = header.count
            return expectedFields
        }) { record in
            guard record.fieldCount == expectedFields else {
                throw IngestionError.malformedRow(file: path, line: record.line, column: record.fieldCount < expectedFields ? names[record.fieldCount] : nil,
                                                  reason: "expected \(expectedFields) fields, found \(record.fieldCount)")
            }
            let text = record.string(scoreIndex)
            let answered = !TableEncoding.isMissing(text)
            var score = 0
            if answered {
                guard let value = DecimalParser.parse(Substring(text.trimmingSpaces())), value == value.rounded(), (0...10).contains(value) else {
                    throw IngestionError.malformedRow(file: path, line: record.line, column: scoreColumn,
                                                      reason: "'\(text)' is not an NPS score (expected a whole number from 0 to 10, or a blank cell for no answer)")
                }
                score = Int(value)
            }
            rows += 1
            func count(_ nps: inout NetPromoterScore) { if answered { nps.add(score: score) } else { nps.unanswered += 1 } }
            count(&survey.overall)
            if let groupIndex {
                let name = record.string(groupIndex)
                let position = groupPosition[name] ?? {
                    survey.groups.append((name, NetPromoterScore()))
                    groupPosition[name] = survey.groups.count - 1
                    return survey.groups.count - 1
                }()
                count(&survey.groups[position].score)
            }
        }
        if rows == 0 { throw IngestionError.noRows(file: path) }
        return survey
    }

    /// One row per group, then `all`: counts, shares and the NPS.
    package func table() -> ReportTable {
        var table = ReportTable(columns: [
            .init(groupColumn ?? "group"), .init("responses"), .init("promoters"), .init("passives"), .init("detractors"),
            .init("promoters_percent", decimals: 1), .init("detractors_percent", decimals: 1), .init("nps", decimals: 1), .init("unanswered"),
        ], notes: ["", "NPS = % promoters (9–10) − % detractors (0–6); passives answered 7–8; rows with a blank answer are unanswered, not responses"])
        for (name, score) in groups + [("all", overall)] {
            table.append([.text(name), .integer(score.responses), .integer(score.promoters), .integer(score.passives),
                          .integer(score.detractors), .rate(score.promoterPercent), .rate(score.detractorPercent), .rate(score.score),
                          .integer(score.unanswered)])
        }
        return table
    }
}
