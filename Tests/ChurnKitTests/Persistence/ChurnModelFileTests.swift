import Foundation
import Testing
@testable import ChurnKit

struct ChurnModelFileTests {
    static let recipe = TrainingRecipe(source: .transactionLog(path: TestFiles.cdnow), schedule: .cutoffs([CalendarDay(parsing: "1997-09-30")!]), horizonDays: 273,
                                       modelName: "cdnow")
    static let trained: ChurnModel = try! recipe.fit(recipe.loadData()).model

    @Test func roundTripsBitForBit() throws {
        let folder = TestFiles.temporaryFolder()
        let path = folder + "/model.json"
        try Self.trained.write(to: path)
        let loaded = try ChurnModel.load(path: path)
        #expect(loaded == Self.trained)
        #expect(loaded.coefficients.map(\.standardized.bitPattern) == Self.trained.coefficients.map(\.standardized.bitPattern))
        // Atomic write: nothing but the model is left in the folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["model.json"])
        let text = TestFiles.read(path)
        for key in ["\"format_version\" : 1", "\"model_type\" : \"logistic_regression\"", "\"feature_spec\"", "\"standardizer\"",
                    "\"hyper_parameters\"", "\"training_report\"", "\"sha256\" : \"c8c2299744530ba581aea30e61752710de990b3028c675268acae2841e425c47\"",
                    "\"reference_gap_days\"", "\"churnkit_version\"", "\"created_at\""] {
            #expect(text.contains(key), "model file lacks \(key)")
        }
    }

    /// Every key is snake_case, and a file written with the old camelCase keys loads into the same model.
    @Test func snakeCaseKeysAndOldFilesStillLoad() throws {
        let recipe = TrainingRecipe(source: .table(path: TestFiles.telco, columns: TableColumns(label: "churn", positiveLabel: "Yes")), modelName: "telco")
        for model in [Self.trained, try recipe.fit(recipe.loadData()).model] {
            let text = try model.jsonText()
            let keys = text.matches(of: /"([^"\\]+)" :/).map { String($0.1) }
            // Dictionary keys that are data (feature names such as T) are not structure.
            let structural = keys.filter { model.featureSpec.transactions?.definitions[$0] == nil }
            #expect(structural.allSatisfy { $0.firstMatch(of: /[a-z][A-Z]/) == nil }, "camelCase keys in \(model.modelID)")
            var old = text
            for (camel, snake) in LegacyModelKeys.snakeCase { old = old.replacingOccurrences(of: "\"\(snake)\" :", with: "\"\(camel)\" :") }
            #expect(old != text)
            let path = TestFiles.write(old, name: "old.json")
            #expect(try ChurnModel.load(path: path) == model)
        }
    }

    func loadError(_ edit: (inout [String: Any]) -> Void) throws -> ModelFileError? {
        let data = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: Data(Self.trained.jsonText().utf8)))
        var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        edit(&object)
        let path = TestFiles.temporaryFolder() + "/model.json"
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        do {
            _ = try ChurnModel.load(path: path)
            return nil
        } catch let error as ModelFileError {
            #expect(error.description.hasPrefix(path))
            return error
        }
    }

    @Test func refusesOtherVersionsTypesAndBrokenFiles() throws {
        // Version 2 is the additive model's format; 3 does not exist yet.
        let version = try loadError { $0["format_version"] = 3 }
        #expect(version == .unsupportedVersion(file: version.map { if case let .unsupportedVersion(f, _, _) = $0 { return f }; return "" } ?? "", found: 3, supported: 2))
        // A linear model's file relabelled version 2 lacks the terms section.
        let relabelled = try loadError { $0["format_version"] = 2; $0["model_type"] = "additive_logistic_regression" }
        guard case .invalid = relabelled else { Issue.record("got \(String(describing: relabelled))"); return }
        let type = try loadError { $0["model_type"] = "random_forest" }
        guard case .wrongModelType(_, "random_forest", "logistic_regression") = type else { Issue.record("got \(String(describing: type))"); return }
        let missing = try loadError { $0.removeValue(forKey: "standardizer") }
        guard case let .invalid(_, reason) = missing else { Issue.record("got \(String(describing: missing))"); return }
        #expect(reason.contains("standardizer"))
        let short = try loadError { object in
            var coefficients = object["coefficients"] as! [Any]
            coefficients.removeLast()
            object["coefficients"] = coefficients
        }
        guard case let .invalid(_, lengthReason) = short else { Issue.record("got \(String(describing: short))"); return }
        #expect(lengthReason.contains("coefficients for"))
        let zeroStd = try loadError { object in
            var standardizer = object["standardizer"] as! [String: Any]
            var stds = standardizer["standard_deviations"] as! [Any]
            stds[0] = 0
            standardizer["standard_deviations"] = stds
            object["standardizer"] = standardizer
        }
        guard case .invalid = zeroStd else { Issue.record("got \(String(describing: zeroStd))"); return }
        let path = TestFiles.write("not json", name: "model.json")
        #expect(throws: ModelFileError.unreadable(file: path, reason: "not JSON (line 1, column 2: Invalid value around character 1.)")) { try ChurnModel.load(path: path) }
    }

    @Test func refusesInputWithoutTheModelsFeatures() throws {
        let table = FeatureTable(columnNames: ["frequency", "recency"], customerIDs: ["a"], values: [1, 2])
        do {
            _ = try Self.trained.designMatrix(from: table, file: "other.csv")
            Issue.record("expected a mismatch")
        } catch let mismatch as ModelInputMismatch {
            #expect(mismatch.missing.contains("T") && mismatch.missing.contains("spend_trend_90d"))
            #expect(!mismatch.missing.contains("frequency"))
            #expect(mismatch.description.hasPrefix("other.csv: the input does not match the model's features (missing: "))
        }
    }

    /// A table model refuses a table that lacks its columns, naming them.
    @Test func tableModelRefusesMissingColumns() throws {
        let encoding = TableEncoding(labelColumn: "churn", positiveLabel: "Yes", idColumn: nil, sampleWeightColumn: nil,
                                     columns: [.numeric(name: "tenure", fill: 3, missingIndicator: true), .categorical(name: "plan", levels: ["a", "b"])])
        let path = TestFiles.write("churn,plan\nYes,a\n", name: "t.csv")
        #expect(throws: ModelInputMismatch(file: path, missing: ["tenure"], extra: [])) { try encoding.encode(RawTable.read(path: path), requireLabel: false) }
        let ok = TestFiles.write("churn,tenure,plan,extra\nYes,NA,b,1\nNo,7,c,2\n", name: "t.csv")
        let encoded = try encoding.encode(RawTable.read(path: ok), requireLabel: true)
        #expect(encoded.table.columnNames == ["tenure", "tenure_missing", "plan=a", "plan=b"])
        #expect(encoded.table.values == [3, 1, 0, 1, 7, 0, 0, 0])
        #expect(encoded.unseenLevels == ["plan": 1])
        // tenure has an indicator: its missing cell is expected, not reported.
        #expect(encoded.unexpectedMissing.isEmpty)
        // Without one, a missing cell is filled with the median and counted for the scorer's warning.
        var noIndicator = encoding
        noIndicator.columns[0] = .numeric(name: "tenure", fill: 3, missingIndicator: false)
        let filled = try noIndicator.encode(RawTable.read(path: ok), requireLabel: true)
        #expect(filled.table.values == [3, 0, 1, 7, 0, 0])
        #expect(filled.unexpectedMissing == ["tenure": 1])
        #expect(encoded.table.labels == [1, 0])
    }
}
