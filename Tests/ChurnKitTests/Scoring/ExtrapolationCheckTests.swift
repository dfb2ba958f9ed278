import Testing
@testable import ChurnKit

struct ExtrapolationCheckTests {
    static let model: ChurnModel = {
        let recipe = TrainingRecipe(source: .transactionLog(path: TestFiles.cdnow), schedule: .cutoffs([CalendarDay(parsing: "1997-09-30")!]), horizonDays: 273)
        return try! recipe.fit(recipe.loadData()).model
    }()

    func table(asOf date: String) throws -> FeatureTable {
        try RiskScorer(model: Self.model).input(from: .transactionLog(path: TestFiles.cdnow), asOf: CalendarDay(parsing: date)).table
    }

    @Test func trainingRangesAreStored() throws {
        let ranges = try #require(Self.model.inputRanges)
        #expect(ranges.count == Self.model.inputs.count)
        let t = Self.model.inputs.firstIndex { $0.column == "T" }!
        #expect(ranges[t] == ChurnModel.InputRange(minimum: 189, maximum: 272))
    }

    /// Scoring nine months after the training cut-off: every customer is older than any in training.
    @Test func scoringLaterWarnsAboutAge() throws {
        let warnings = ExtrapolationCheck.warnings(model: Self.model, table: try table(asOf: "1998-06-30"))
        let age = warnings.first { $0.contains(" T outside") }
        #expect(age?.hasPrefix("23570 customers (100.0%) have T outside the training range [189.00, 272.00] (here 462.00 … 545.00)") == true,
                "\(warnings)")
        #expect(!warnings.contains { $0.contains("have frequency outside") }) // 2 customers: under 1%
    }

    @Test func scoringAtTheTrainingCutoffIsQuiet() throws {
        #expect(ExtrapolationCheck.warnings(model: Self.model, table: try table(asOf: "1997-09-30")).isEmpty)
    }

    /// An additive model holds its end bins beyond the training range: nothing extrapolates.
    @Test func additiveModelsStayQuiet() throws {
        var recipe = TrainingRecipe(source: .transactionLog(path: TestFiles.cdnow), schedule: .cutoffs([CalendarDay(parsing: "1997-09-30")!]),
                                    horizonDays: 273)
        recipe.additive = AdditiveSettings(kind: .additive, maxBins: 16, roughness: 10)
        let additive = try recipe.fit(recipe.loadData()).model
        #expect(additive.inputRanges != nil)
        #expect(ExtrapolationCheck.warnings(model: additive, table: try table(asOf: "1998-06-30")).isEmpty)
    }

    @Test func modelsWithoutRangesStayQuiet() throws {
        var old = Self.model
        old.inputRanges = nil
        #expect(ExtrapolationCheck.warnings(model: old, table: try table(asOf: "1998-06-30")).isEmpty)
    }

    /// The one-pass check on column values counts exactly what the definition counts: each value
    /// transformed, compared with the training range widened by the margin (every input, log1p
    /// ones included, at two dates).
    @Test func countsMatchTheDefinitionOnTransformedValues() throws {
        let ranges = try #require(Self.model.inputRanges)
        for date in ["1998-01-31", "1998-06-30"] {
            let table = try table(asOf: date)
            var expected: [String] = []
            for (input, range) in zip(Self.model.inputs, ranges) {
                let j = try #require(table.columnNames.firstIndex(of: input.column))
                let slack = ExtrapolationCheck.margin * (range.maximum - range.minimum)
                let outside = (0..<table.rowCount).filter { i in
                    let x = input.transform.apply(table.values[i * table.columnCount + j])
                    return x < range.minimum - slack || x > range.maximum + slack
                }.count
                if outside > 0, Double(outside) >= ExtrapolationCheck.minimumShare * Double(table.rowCount) {
                    expected.append("\(outside) customers have \(input.column) outside")
                }
            }
            let found = ExtrapolationCheck.warnings(model: Self.model, table: table).map { sentence in
                let words = sentence.split(separator: " ")
                return "\(words[0]) customers have \(words[4]) outside"
            }
            #expect(found == expected, "\(date)")
            #expect(!expected.isEmpty)
        }
    }
}

