import Foundation
import Testing

/// A model file is checked field by field: exit 4, the field's path and what is wrong.
enum ModelFileCases {
    static func model(_ name: String, _ file: BadInputFile, _ message: String, exitCode: Int32 = 4) -> BadInputCase {
        BadInputCase(name: name, category: "model file", files: ["log.csv": .text(BadInputFixture.log), "m.json": file],
                     arguments: ["score", "--model", "m.json", "log.csv"], exitCode: exitCode, message: message)
    }

    static func edit(_ body: @escaping @Sendable (inout [String: Any]) -> Void) -> BadInputFile { .editedJSON("models/cdnow.json", body) }

    static func setCoefficient(_ k: Int, _ key: String, _ value: Any & Sendable) -> BadInputFile {
        edit { object in
            var coefficients = object["coefficients"] as! [[String: Any]]
            coefficients[k][key] = value
            object["coefficients"] = coefficients
        }
    }

    static func setNested(_ path: [String], _ value: Any & Sendable) -> BadInputFile {
        edit { object in
            func set(_ dictionary: inout [String: Any], _ keys: ArraySlice<String>) {
                guard let first = keys.first else { return }
                if keys.count == 1 { dictionary[first] = value is NSNullSendable ? NSNull() : value; return }
                var inner = dictionary[first] as? [String: Any] ?? [:]
                set(&inner, keys.dropFirst())
                dictionary[first] = inner
            }
            set(&object, path[...])
        }
    }

    static let all: [BadInputCase] = [
        model("format_version as a string", setNested(["format_version"], "1"), "m.json: not a valid model file: format_version: expected 1, found \"1\""),
        model("format_version 3", setNested(["format_version"], 3), "model format_version 3 is not supported"),
        model("format_version 2 (additive) on a linear model", setNested(["format_version"], 2),
              "model_type 'logistic_regression' is not a model this ChurnKit can use (expected 'additive_logistic_regression')"),
        model("format_version missing", edit { $0.removeValue(forKey: "format_version") }, "format_version: missing"),
        model("model_type of another model", setNested(["model_type"], "random_forest"), "model_type 'random_forest'"),
        model("coefficient far too large", setCoefficient(3, "standardized", 1e300), "coefficients[3].standardized: 1e+300, expected a finite number in [−10000, 10000]"),
        model("coefficient of the wrong type", setCoefficient(1, "standardized", "x"), "coefficients[1].standardized: expected a number, found \"x\""),
        model("coefficient for another input", setCoefficient(0, "input", "tenure"), "coefficients[0].input: 'tenure'"),
        model("coefficient missing its value", edit { object in
            var coefficients = object["coefficients"] as! [[String: Any]]
            coefficients[2].removeValue(forKey: "original")
            object["coefficients"] = coefficients
        }, "coefficients[2].original: missing"),
        model("one coefficient too few", edit { object in
            var coefficients = object["coefficients"] as! [Any]
            coefficients.removeLast()
            object["coefficients"] = coefficients
        }, "coefficients: "),
        model("intercept null", setNested(["intercept", "standardized"], NSNullSendable.null), "intercept.standardized: expected a number, found null"),
        model("hyper-parameter missing", edit { object in
            var h = object["hyper_parameters"] as! [String: Any]
            h.removeValue(forKey: "C")
            object["hyper_parameters"] = h
        }, "hyper_parameters.C: missing"),
        model("negative horizon", setNested(["feature_spec", "transactions", "horizon_days"], -5),
              "feature_spec.transactions.horizon_days: -5, expected a whole number of days from 1 to 3652059"),
        model("zero horizon", setNested(["feature_spec", "transactions", "horizon_days"], 0), "feature_spec.transactions.horizon_days: 0"),
        model("horizon beyond any date", setNested(["feature_spec", "transactions", "horizon_days"], 9_223_372_036_854_775_807 as Int),
              "feature_spec.transactions.horizon_days: 9223372036854775807"),
        model("zero standard deviation", edit { object in
            var standardizer = object["standardizer"] as! [String: Any]
            var stds = standardizer["standard_deviations"] as! [Any]
            stds[1] = 0
            standardizer["standard_deviations"] = stds
            object["standardizer"] = standardizer
        }, "standardizer.standard_deviations[1]: 0.0, expected a positive finite number"),
        model("reference gap zero", setNested(["feature_spec", "transactions", "reference_gap_days"], 0), "feature_spec.transactions.reference_gap_days: 0.0"),
        model("NaN literal", .text("{\n  \"format_version\" : 1,\n  \"coefficients\" : [NaN]\n}\n"), "m.json: cannot read the model: not JSON (line 3, column"),
        model("truncated file", .text("{\n  \"format_version\" : 1,\n  \"coeff"), "m.json: cannot read the model: not JSON"),
        model("empty file", .text(""), "m.json: cannot read the model: not JSON"),
        model("a JSON array", .text("[1, 2]"), "not a JSON object (the file holds an array)"),
        model("a training log given as the model", .text(BadInputFixture.log), "m.json: cannot read the model: not JSON (line 1, column"),
        model("model is a device that reads empty", .characterDevice(major: 1, minor: 3), "cannot open 'm.json'", exitCode: 5),
    ]
}

/// `NSNull` is not `Sendable`; this stands for JSON `null` in an edit.
enum NSNullSendable: Sendable { case null }

@Suite struct ModelFileCaseTests {
    @Test(arguments: ModelFileCases.all) func run(_ c: BadInputCase) throws { try BadInputRunner.run(c) }
}
