import Foundation

extension ChurnModel {
    /// The JSON text: sorted keys, pretty-printed, doubles in round-tripping form.
    public func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Writes the model atomically: a temporary file in the same folder, then a rename.
    public func write(to path: String) throws {
        try validate(file: path)
        try AtomicFileWriter.write(try jsonText(), to: path)
    }

    /// Reads and checks a model file: format version, model type, finite numbers, lengths.
    public static func load(path: String) throws -> ChurnModel {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FileAccessError.cannotOpen(path: path, reason: "no such file or not readable")
        }
        return try decode(data, file: path)
    }

    static func decode(_ data: Data, file: String) throws -> ChurnModel {
        // Check the version before the shape, so an old or future file says which it is.
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ModelFileError.unreadable(file: file, reason: "not JSON (\(ModelFieldPath.reason(of: error, in: data)))")
        }
        guard let fields = object as? [String: Any] else {
            throw ModelFileError.unreadable(file: file, reason: "not a JSON object (the file holds \(ModelFieldPath.kind(of: object)))")
        }
        guard let versionValue = fields["format_version"] else { throw ModelFileError.invalid(file: file, reason: "format_version: missing") }
        struct Header: Decodable { var format_version: Int }
        guard let version = try? JSONDecoder().decode(Header.self, from: data).format_version else {
            throw ModelFileError.invalid(file: file, reason: "format_version: expected \(currentFormatVersion), found \(ModelFieldPath.render(versionValue))")
        }
        guard version == currentFormatVersion || version == additiveFormatVersion else {
            throw ModelFileError.unsupportedVersion(file: file, found: version, supported: additiveFormatVersion)
        }
        if let typeValue = fields["model_type"] {
            let expected = version == additiveFormatVersion ? additiveType : logisticRegressionType
            guard let type = typeValue as? String else {
                throw ModelFileError.invalid(file: file, reason: "model_type: expected \"\(expected)\", found \(ModelFieldPath.render(typeValue))")
            }
            let allowed = version == additiveFormatVersion ? [additiveType] : [logisticRegressionType, bgnbdType]
            if !allowed.contains(type) { throw ModelFileError.wrongModelType(file: file, found: type, expected: expected) }
        }
        let model: ChurnModel
        do {
            model = try LegacyModelKeys.decoder().decode(ChurnModel.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw ModelFileError.invalid(file: file, reason: "\(ModelFieldPath.text(context.codingPath + [key])): missing")
        } catch let DecodingError.typeMismatch(type, context) {
            throw ModelFileError.invalid(file: file, reason: "\(ModelFieldPath.text(context.codingPath)): expected \(ModelFieldPath.expected(type)), found \(ModelFieldPath.render(ModelFieldPath.value(at: context.codingPath, in: object)))")
        } catch let DecodingError.valueNotFound(type, context) {
            throw ModelFileError.invalid(file: file, reason: "\(ModelFieldPath.text(context.codingPath)): expected \(ModelFieldPath.expected(type)), found null")
        } catch let DecodingError.dataCorrupted(context) {
            throw ModelFileError.invalid(file: file, reason: "\(ModelFieldPath.text(context.codingPath)): \(context.debugDescription)")
        } catch {
            throw ModelFileError.invalid(file: file, reason: "\(error)")
        }
        try model.validate(file: file)
        return model
    }

    /// The largest standardized coefficient or intercept a model file may hold: a logit term of
    /// 10⁴ per standard deviation already saturates every probability, so a larger one is a
    /// corrupted file, and bounding it keeps every logit finite for finite inputs.
    public static let maximumStandardizedCoefficient = 1e4

    /// The linear model's fields: coefficients, intercept, standardizer and input ranges, each
    /// message starting with the field's path.
    private func validateLinear(_ fail: (String) -> ModelFileError) throws {
        func finite(_ value: Double, _ path: String, bound: Double = .greatestFiniteMagnitude) throws {
            guard value.isFinite, abs(value) <= bound else {
                throw fail("\(path): \(value), expected a finite number" + (bound < .greatestFiniteMagnitude ? " in [−\(NumberText.format(bound)), \(NumberText.format(bound))]" : ""))
            }
        }
        let p = featureSpec.inputs.count
        // A BG/NBD model has no linear inputs: its parameters were checked above.
        guard p > 0 || modelType == Self.bgnbdType else { throw fail("feature_spec.inputs: empty, expected at least one input") }
        guard coefficients.count == p else { throw fail("coefficients: \(coefficients.count) coefficients for \(p) inputs") }
        guard standardizer.means.count == p, standardizer.standardDeviations.count == p else {
            throw fail("standardizer: the standardizer has \(standardizer.means.count) means and \(standardizer.standardDeviations.count) stds for \(p) inputs")
        }
        for (k, coefficient) in coefficients.enumerated() where coefficient.input != featureSpec.inputs[k].name {
            throw fail("coefficients[\(k)].input: '\(coefficient.input)' but feature_spec.inputs[\(k)] is '\(featureSpec.inputs[k].name)'")
        }
        let bound = Self.maximumStandardizedCoefficient
        for (k, coefficient) in coefficients.enumerated() {
            try finite(coefficient.standardized, "coefficients[\(k)].standardized", bound: bound)
            try finite(coefficient.original, "coefficients[\(k)].original")
        }
        try finite(intercept.standardized, "intercept.standardized", bound: bound)
        try finite(intercept.original, "intercept.original")
        for (k, mean) in standardizer.means.enumerated() { try finite(mean, "standardizer.means[\(k)]") }
        for (k, std) in standardizer.standardDeviations.enumerated() where !(std.isFinite && std > 0) {
            throw fail("standardizer.standard_deviations[\(k)]: \(std), expected a positive finite number")
        }
        if let ranges = inputRanges {
            guard ranges.count == p else { throw fail("input_ranges: \(ranges.count) input ranges for \(p) inputs") }
            for (k, range) in ranges.enumerated() where !(range.minimum.isFinite && range.maximum.isFinite && range.minimum <= range.maximum) {
                throw fail("input_ranges[\(k)]: [\(range.minimum), \(range.maximum)] is not a finite [minimum, maximum]")
            }
        }
    }

    /// The structural checks loading applies (also run before writing). Each message starts with
    /// the field's path in the file: `coefficients[3].standardized: nan, expected a finite number`.
    public func validate(file: String) throws {
        func fail(_ reason: String) -> ModelFileError { .invalid(file: file, reason: reason) }
        if let bgnbd { try bgnbd.validate(file: file) }
        if modelType == Self.bgnbdType && (bgnbd == nil || featureSpec.inputKind != .transactions) {
            throw fail("a bgnbd model needs the bgnbd parameters and a transaction feature spec")
        }
        if formatVersion == Self.additiveFormatVersion || terms != nil {
            try validateTerms(file: file)
        } else {
            try validateLinear(fail)
        }
        if let transactions = featureSpec.transactions {
            guard (1...ParameterCheck.maximumDays).contains(transactions.horizonDays) else {
                throw fail("feature_spec.transactions.horizon_days: \(transactions.horizonDays), expected a whole number of days from 1 to \(ParameterCheck.maximumDays)")
            }
            guard transactions.referenceGapDays.isFinite, transactions.referenceGapDays > 0 else {
                throw fail("feature_spec.transactions.reference_gap_days: \(transactions.referenceGapDays), expected a positive finite number")
            }
        }
        switch featureSpec.inputKind {
        case .transactions:
            guard featureSpec.transactions != nil else { throw fail("input_kind is transactions but feature_spec.transactions is missing") }
        case .table:
            guard let encoding = featureSpec.table else { throw fail("input_kind is table but feature_spec.table is missing") }
            let outputs = Set(encoding.outputNames)
            if let unknown = featureSpec.inputs.first(where: { !outputs.contains($0.column) }) {
                throw fail("input '\(unknown.column)' is not produced by the table encoding")
            }
        }
    }
}
