import Foundation
import Testing
@testable import ChurnKit

/// How a labelled table's columns are typed and its labels read.
struct TableEncodingTests {
    func table(_ text: String) throws -> RawTable { try RawTable.read(path: TestFiles.write(text, name: "t.csv")) }

    func fitError(_ text: String, positive: String = "Yes", typing: TableTyping = TableTyping()) -> (line: Int, column: String?, reason: String)? {
        do {
            _ = try TableEncoding.fit(table(text), labelColumn: "churn", positiveLabel: positive, typing: typing)
            Issue.record("expected an error")
        } catch let IngestionError.malformedRow(_, line, column, reason) {
            return (line, column, reason)
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return nil
    }

    /// One `inf` or `abc` among numbers is a bad cell naming its line, not a switch to one-hot.
    @Test(arguments: [("inf", "is not a finite number"), ("abc", "is not a number"), ("0x10", "is not a number"), ("\"1,000\"", "is not a number"),
                      ("$5", "is not a number"), ("1e999", "is not a finite number")])
    func badCellInNumericColumnIsAnError(cell: String, reason: String) {
        let text = "tenure,churn\n1,Yes\n2,No\n\(cell),No\n4,Yes\n5,No\n"
        let found = fitError(text)
        #expect(found?.line == 4)
        #expect(found?.column == "tenure")
        #expect(found?.reason.contains(reason) == true)
        #expect(found?.reason.contains("4 of the column's 5 non-missing cells are numbers") == true)
    }

    @Test func typesAreDecidedFromEveryCell() throws {
        let raw = try table("tenure,plan,code,charges,churn\n1,basic,1,10,Yes\n2,pro,2,  ,No\n3,1,x,NA,No\n4,pro,y,7.5,Yes\n")
        let encoding = try TableEncoding.fit(raw, labelColumn: "churn", positiveLabel: "Yes", typing: TableTyping(minLevelRows: 1))
        #expect(encoding.columns == [
            .numeric(name: "tenure", fill: 2.5, missingIndicator: false),
            .categorical(name: "plan", levels: ["1", "basic", "pro"], missingInTraining: false),   // numbers are the minority: text
            .categorical(name: "code", levels: ["1", "2", "x", "y"], missingInTraining: false),     // half and half: text
            .numeric(name: "charges", fill: 8.75, missingIndicator: true), // blank and NA are missing
        ])
        #expect(encoding.columnTypeDescriptions[0].hasSuffix("numeric"))
        #expect(encoding.columnTypeDescriptions[1].contains("text, 3 levels (1, basic, pro)"))
        let encoded = try encoding.encode(raw, requireLabel: true).table
        #expect(encoded.labels == [1, 0, 0, 1])
    }

    @Test func textColumnsOverrideTheNumbers() throws {
        let raw = try table("zip,churn\n02134,Yes\n10001,No\nSW1A,No\n")
        #expect(fitError("zip,churn\n02134,Yes\n10001,No\nSW1A,No\n")?.line == 4)
        let encoding = try TableEncoding.fit(raw, labelColumn: "churn", positiveLabel: "Yes", typing: TableTyping(textColumns: ["zip"], minLevelRows: 1))
        #expect(encoding.columns == [.categorical(name: "zip", levels: ["02134", "10001", "SW1A"], missingInTraining: false)])
    }

    /// A level needs `minLevelRows` training rows for a column of its own; the rarer ones, and at
    /// scoring the unseen ones, share `(other)`; missing cells stay all zeros.
    @Test func rareLevelsShareOneColumn() throws {
        var text = "plan,churn\n"
        for i in 0..<12 { text += "basic,\(i % 2 == 0 ? "Yes" : "No")\n" }
        for i in 0..<10 { text += "pro,\(i % 3 == 0 ? "Yes" : "No")\n" }
        text += "gold,No\nplatinum,Yes\nNA,No\n"
        let raw = try table(text)
        let encoding = try TableEncoding.fit(raw, labelColumn: "churn", positiveLabel: "Yes")
        #expect(encoding.columns == [.categorical(name: "plan", levels: ["basic", "pro"], otherLevel: "(other)", missingInTraining: true)])
        #expect(encoding.outputNames == ["plan=basic", "plan=pro", "plan=(other)"])
        #expect(encoding.columnTypeDescriptions[0].contains("text, 2 levels (basic, pro) and (other) for the rarer levels and unseen ones"))
        let encoded = try encoding.encode(raw, requireLabel: true)
        let rows = encoded.table.rowCount
        #expect(rows == 25)
        func row(_ i: Int) -> [Double] { Array(encoded.table.values[(i * 3)..<(i * 3 + 3)]) }
        #expect(row(0) == [1, 0, 0] && row(12) == [0, 1, 0])
        #expect(row(22) == [0, 0, 1] && row(23) == [0, 0, 1])   // gold, platinum: rare
        #expect(row(24) == [0, 0, 0])                           // NA: missing
        #expect(encoded.unseenLevels.isEmpty)
        // At scoring, an unseen level is a rare one: (other), and no warning.
        let scoring = try encoding.encode(table("plan\nbronze\npro\n  \n"), requireLabel: false)
        #expect(scoring.table.values == [0, 0, 1, 0, 1, 0, 0, 0, 0])
        #expect(scoring.unseenLevels.isEmpty)
        #expect(scoring.unexpectedMissing.isEmpty)   // training had a missing plan (NA)
        // Keeping every level: no (other), and an unseen level is all zeros and counted.
        let every = try TableEncoding.fit(raw, labelColumn: "churn", positiveLabel: "Yes", typing: TableTyping(minLevelRows: 1))
        #expect(every.outputNames == ["plan=basic", "plan=gold", "plan=platinum", "plan=pro"])
        #expect(try every.encode(table("plan\nbronze\n"), requireLabel: false).unseenLevels == ["plan": 1])
    }

    /// A column in which no level reaches `minLevelRows` (an identifier, a surname) is one
    /// `(other)` column: "has a value"; a kept level literally named `(other)` is not shadowed.
    @Test func pooledColumnNamesItsOwnLevel() throws {
        var text = "name,tag,churn\n"
        for i in 0..<30 { text += "n\(i),\(i < 20 ? "(other)" : "t\(i)"),\(i % 2 == 0 ? "Yes" : "No")\n" }
        text += ",(other),No\n"
        let encoding = try TableEncoding.fit(table(text), labelColumn: "churn", positiveLabel: "Yes")
        #expect(encoding.columns == [.categorical(name: "name", levels: [], otherLevel: "(other)", missingInTraining: true),
                                     .categorical(name: "tag", levels: ["(other)"], otherLevel: "((other))", missingInTraining: false)])
        #expect(encoding.columnTypeDescriptions[0].contains("no level in enough rows of its own (an identifier or free text?)"))
        let encoded = try encoding.encode(table(text), requireLabel: true).table
        #expect(encoded.columnNames == ["name=(other)", "tag=(other)", "tag=((other))"])
        #expect(encoded.values.prefix(3) == [1, 1, 0] && encoded.values[(25 * 3)..<(25 * 3 + 3)] == [1, 0, 1])
        #expect(encoded.values.suffix(3) == [0, 1, 0])   // the missing name
    }

    /// A text column without a missing cell in training: a missing cell at scoring (all zeros, a
    /// pattern the model never saw) is counted for the scorer's warning, as a numeric column's is.
    @Test func missingTextCellsUnseenInTrainingAreCounted() throws {
        var text = "plan,churn\n"
        for i in 0..<24 { text += "\(i % 2 == 0 ? "basic" : "pro"),\(i % 3 == 0 ? "Yes" : "No")\n" }
        let encoding = try TableEncoding.fit(table(text), labelColumn: "churn", positiveLabel: "Yes")
        #expect(encoding.columns == [.categorical(name: "plan", levels: ["basic", "pro"], missingInTraining: false)])
        let scoring = try encoding.encode(table("plan,id\npro,1\n,2\nNA,3\n"), requireLabel: false)
        #expect(scoring.table.values == [0, 1, 0, 0, 0, 0])
        #expect(scoring.unexpectedMissing == ["plan": 2])
        let data = try JSONEncoder().encode(encoding.columns[0])
        #expect(String(decoding: data, as: UTF8.self).contains("\"missing_in_training\":false"))
        // A file from before the flag: unknown, so no count.
        var old = encoding
        old.columns = [.categorical(name: "plan", levels: ["basic", "pro"])]
        #expect(try old.encode(table("plan,id\n,1\n"), requireLabel: false).unexpectedMissing.isEmpty)
    }

    /// Refitted on a fold's training rows, a level with 12 rows in the file but 8 among those rows
    /// is pooled, and the fills are those rows' medians; without `minLevelRows` the levels stay.
    @Test func refittingOnTrainingRowsRepoolsLevels() throws {
        var text = "plan,x,churn\n"
        for i in 0..<20 { text += "basic,\(i),\(i % 2 == 0 ? "Yes" : "No")\n" }
        for i in 0..<12 { text += "gold,\(100 + i),\(i % 3 == 0 ? "Yes" : "No")\n" }
        let raw = try table(text)
        let encoding = try TableEncoding.fit(raw, labelColumn: "churn", positiveLabel: "Yes")
        #expect(encoding.outputNames == ["plan=basic", "plan=gold", "x"])
        let training = Array(0..<20) + Array(20..<28)   // 8 of the 12 gold rows
        let fold = encoding.refitted(raw, rows: training, minLevelRows: 10)
        #expect(fold.columns[0] == .categorical(name: "plan", levels: ["basic"], otherLevel: "(other)", missingInTraining: false))
        #expect(fold.fill(of: "x") == TableEncoding.median(training.map { $0 < 20 ? Double($0) : Double(100 + $0 - 20) }))
        let encoded = try fold.encode(raw, requireLabel: true).table
        #expect(encoded.columnNames == ["plan=basic", "plan=(other)", "x"])
        #expect(Array(encoded.values[(31 * 3)..<(31 * 3 + 2)]) == [0, 1])   // a test-fold gold row: (other)
        let kept = encoding.refitted(raw, rows: training, minLevelRows: nil)
        #expect(kept.columns[0] == encoding.columns[0])
    }

    /// A numeric column of distinct whole numbers over 1,000 rows is named as an identifier; one
    /// repeat, a fraction, a missing cell or fewer rows and it is an ordinary input.
    @Test func identifierLikeColumnsAreNamed() throws {
        var text = "row,customer,salary,gappy,age,churn\n"
        for i in 0..<1000 {
            text += "\(i + 1),\(9_000_000 + (i == 999 ? 0 : i * 7)),\(1000 + Double(i) * 1.5),\(i == 5 ? "" : String(i)),\(20 + i % 50),\(i % 3 == 0 ? "Yes" : "No")\n"
        }
        let raw = try table(text)
        let encoding = try TableEncoding.fit(raw, labelColumn: "churn", positiveLabel: "Yes")
        #expect(encoding.identifierLikeColumns(in: raw) == ["row"])
        #expect(encoding.inputWarnings(in: raw).count == 1)
        #expect(encoding.inputWarnings(in: raw)[0].hasPrefix("column 'row': every row holds a different whole number"))
        #expect(encoding.identifierLikeColumns(in: raw, minimumRows: 1001).isEmpty)
    }

    /// The pooled level is stored as `other_level`; a file written before it existed has none and
    /// decodes to the old encoding (an unseen level all zeros).
    @Test func otherLevelRoundTripsAndOldFilesDecode() throws {
        let column = TableEncoding.Column.categorical(name: "plan", levels: ["basic"], otherLevel: "(other)")
        let data = try JSONEncoder().encode(column)
        #expect(String(decoding: data, as: UTF8.self).contains("\"other_level\":\"(other)\""))
        #expect(try JSONDecoder().decode(TableEncoding.Column.self, from: data) == column)
        let old = #"{"categorical":{"name":"plan","levels":["basic","pro"]}}"#
        #expect(try JSONDecoder().decode(TableEncoding.Column.self, from: Data(old.utf8)) == .categorical(name: "plan", levels: ["basic", "pro"]))
    }

    /// A label is the positive value or the one other value; a third is an error listing them.
    @Test func thirdLabelValueIsAnError() throws {
        let text = "x,churn\n1,Yes\n2,No\n3,no\n4,No\n"
        let found = fitError(text)
        #expect(found?.line == 4 && found?.column == "churn")
        #expect(found?.reason.contains("'Yes' (1 row), 'No' (2 rows), 'no' (1 row)") == true)
        #expect(found?.reason.contains("negativeLabels: No,no") == true) // the library's parameter; the CLI shows --negative (BadInputDataTests)
        let encoding = try TableEncoding.fit(table(text), labelColumn: "churn", positiveLabel: "Yes", typing: TableTyping(negativeLabels: ["No", "no"]))
        #expect(try encoding.encode(table(text), requireLabel: true).table.labels == [1, 0, 0, 0])
        #expect(encoding.negativeLabels == ["No", "no"])
        // With negatives named, anything else is still an error.
        let other = fitError("x,churn\n1,Yes\n2,No\n3,maybe\n", typing: TableTyping(negativeLabels: ["No"]))
        #expect(other?.line == 4 && other?.reason.contains("neither the positive 'Yes' nor a negative") == true)
    }

    /// A decimal-comma table reads with `decimalComma` (stored, so scoring replays it); without
    /// it, a column that is numbers only in that notation is an error, not text.
    @Test func decimalCommaNumbers() throws {
        let rows = "charges;plan;churn\n29,85;a;Yes\n1,5;b;No\n7;c;No\n-0,25;a;No\n"
        let path = try TestFiles.write(rows, name: "t.csv")
        let raw = try RawTable.read(path: path, delimiter: .semicolon)
        let encoding = try TableEncoding.fit(raw, labelColumn: "churn", positiveLabel: "Yes", typing: TableTyping(minLevelRows: 1, decimalComma: true))
        #expect(encoding.columns.first == .numeric(name: "charges", fill: 4.25, missingIndicator: false))
        #expect(encoding.decimalComma == true)
        #expect(try encoding.encode(raw, requireLabel: true).table.values.enumerated().filter { $0.offset % 4 == 0 }.map(\.element) == [29.85, 1.5, 7, -0.25])
        let decoded = try JSONDecoder().decode(TableEncoding.self, from: JSONEncoder().encode(encoding))
        #expect(decoded.decimalComma == true)
        // A point is not a decimal mark in that notation (it would separate thousands).
        #expect(TableEncoding.number("1.5", decimalComma: true) == .failure(.notANumber))
        #expect(TableEncoding.number("1,2,3", decimalComma: true) == .failure(.notANumber))
        #expect(TableEncoding.number(" 2,5 ", decimalComma: true) == .success(2.5))
        // Without the flag: an error naming the first such cell, never a text column.
        do {
            _ = try TableEncoding.fit(raw, labelColumn: "churn", positiveLabel: "Yes")
            Issue.record("expected an error")
        } catch let IngestionError.malformedRow(_, line, column, reason) {
            #expect(line == 2 && column == "charges")
            #expect(reason.contains("'29,85' is a number with a decimal comma, and so is every cell of the column"))
        }
        // And the default (point) encoding has no decimal_comma key at all.
        let plain = try TableEncoding.fit(table("x,churn\n1.5,Yes\n2,No\n"), labelColumn: "churn", positiveLabel: "Yes")
        #expect(!String(decoding: try JSONEncoder().encode(plain), as: UTF8.self).contains("decimal_comma"))
    }

    /// Numbers written for people (`$1,234.50`, `45%`, `1.234,5 €`) are named, not read as text
    /// (pooled or one-hot as if they were names), and never guessed at.
    @Test func decoratedNumbersAreAnErrorNotText() throws {
        #expect(TableEncoding.decoratedNumber("$1,234.50", decimalComma: false) == 1234.5)
        #expect(TableEncoding.decoratedNumber("45%", decimalComma: false) == 45)
        #expect(TableEncoding.decoratedNumber("1.234,5 €", decimalComma: true) == 1234.5)
        #expect(TableEncoding.decoratedNumber("-12,345,678", decimalComma: false) == -12_345_678)
        #expect(TableEncoding.decoratedNumber("12.5", decimalComma: false) == nil)        // plain: not decorated
        #expect(TableEncoding.decoratedNumber("1,23,456", decimalComma: false) == nil)    // not groups of three
        #expect(TableEncoding.decoratedNumber("$abc", decimalComma: false) == nil)
        #expect(TableEncoding.decoratedNumber("12,5", decimalComma: false) == nil)
        let found = fitError("balance,churn\n\"$1,234.50\",Yes\n$12,No\n7,No\n45%,No\n")
        #expect(found?.line == 2 && found?.column == "balance")
        #expect(found?.reason.contains("'$1,234.50' is a number written with a currency sign, thousands separators or a percent sign, and so is every cell") == true)
        // Dates are named too; listed as text they are levels.
        let dates = fitError("signup,churn\n2020-01-15,Yes\n2020-02-01T10:00:00Z,No\nNA,No\n")
        #expect(dates?.line == 2 && dates?.reason.contains("'2020-01-15' is a date, and so is every cell of the column; a model needs it as a number") == true)
        #expect(try TableEncoding.fit(table("signup,churn\n2020-01-15,Yes\n2020-02-01,No\n"), labelColumn: "churn", positiveLabel: "Yes",
                                      typing: TableTyping(textColumns: ["signup"], minLevelRows: 1)).outputNames == ["signup=2020-01-15", "signup=2020-02-01"])
        #expect(!TableEncoding.isISODate("2020-13-45") && !TableEncoding.isISODate("20200115") && !TableEncoding.isISODate("2020-01-15x"))
        // `1,234` is either notation: the message offers both.
        let either = fitError("balance,churn\n\"1,234\",Yes\n\"5,678\",No\n")
        #expect(either?.reason.contains("a decimal comma or a thousands separator") == true)
        // Listed as text, or mixed with words, it is text.
        let typed = try TableEncoding.fit(table("balance,churn\n45%,Yes\n10%,No\n"), labelColumn: "churn", positiveLabel: "Yes",
                                          typing: TableTyping(textColumns: ["balance"], minLevelRows: 1))
        #expect(typed.outputNames == ["balance=10%", "balance=45%"])
        let words = try TableEncoding.fit(table("balance,churn\n45%,Yes\nhigh,No\n"), labelColumn: "churn", positiveLabel: "Yes",
                                          typing: TableTyping(minLevelRows: 1))
        #expect(words.outputNames == ["balance=45%", "balance=high"])
    }

    /// A table too large for memory once encoded is an error naming the widest text column, before
    /// anything is allocated.
    @Test func anEncodedTableTooLargeForMemoryIsAnError() throws {
        var text = "x,plan,churn\n"
        for i in 0..<40 { text += "\(i),p\(i % 4),\(i % 2 == 0 ? "Yes" : "No")\n" }
        let encoding = try TableEncoding.fit(table(text), labelColumn: "churn", positiveLabel: "Yes")
        #expect(encoding.outputNames.count == 5)
        // 10M rows × 5 columns × 8 bytes × 3 copies = 1.2 GB: fits in 2 GiB, not in 1 GiB.
        try encoding.checkMemory(rows: 10_000_000, physicalMemory: 2 << 30)
        do {
            try encoding.checkMemory(rows: 10_000_000, physicalMemory: 1 << 30)
            Issue.record("expected an error")
        } catch let FeatureError.invalidOption(message) {
            #expect(message.contains("10000000 rows × 5 columns, 0.4 GiB of 64-bit numbers"), "\(message)")
            #expect(message.contains("the widest column is 'plan', 4 one-hot levels"))
        }
        #expect(throws: FeatureError.self) { try encoding.checkMemory(rows: Int.max / 2, physicalMemory: UInt64.max) }
    }

    /// Numbers compare as numbers: a float label column (`1.0`, `0.0`, as pandas writes one that
    /// held a missing value) is the default `--positive 1`; text stays exact.
    @Test func numericLabelsCompareByValue() throws {
        let text = "x,churn\n1,1.0\n2,0.0\n3,1\n4,0\n5,1e0\n6,-0\n"
        let encoding = try TableEncoding.fit(table(text), labelColumn: "churn", positiveLabel: "1")
        #expect(try encoding.encode(table(text), requireLabel: true).table.labels == [1, 0, 1, 0, 1, 0])
        // One value besides the positive, however it is spelled; a third value still names both spellings' count.
        let third = fitError("x,churn\n1,1.0\n2,0.0\n3,0\n4,2\n", positive: "1")
        #expect(third?.line == 5 && third?.reason.contains("'1.0' (1 row), '0.0' (2 rows), '2' (1 row)") == true, "\(String(describing: third))")
        let negatives = try TableEncoding.fit(table("x,churn\n1,1\n2,0.0\n3,2\n"), labelColumn: "churn", positiveLabel: "1",
                                              typing: TableTyping(negativeLabels: ["0", "2.0"]))
        #expect(try negatives.encode(table("x,churn\n1,1\n2,0.0\n3,2\n"), requireLabel: true).table.labels == [1, 0, 0])
        #expect(fitError("x,churn\n1,yes\n2,No\n", positive: "Yes")?.reason.contains("no row has the positive label 'Yes'") == true)
    }

    @Test func positiveLabelMustOccur() {
        let found = fitError("x,churn\n1,Yes\n2,No\n", positive: "1")
        #expect(found?.line == 2)
        #expect(found?.reason.contains("no row has the positive label '1'") == true)
        #expect(found?.reason.contains("'No' (1 row), 'Yes' (1 row)") == true)
    }

    /// The model file keeps its old form when no negatives are named (the key is absent).
    @Test func negativesAreStoredOnlyWhenNamed() throws {
        let raw = try table("x,churn\n1,Yes\n2,No\n")
        let plain = try TableEncoding.fit(raw, labelColumn: "churn", positiveLabel: "Yes")
        let json = String(decoding: try JSONEncoder().encode(plain), as: UTF8.self)
        #expect(!json.contains("negative"))
        let decoded = try JSONDecoder().decode(TableEncoding.self, from: Data(json.utf8))
        #expect(decoded == plain)
    }
}
