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
        struct Header: Decodable {
            var format_version: Int?
            var model_type: String?
        }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            throw ModelFileError.unreadable(file: file, reason: "not a JSON object")
        }
        guard let version = header.format_version else { throw ModelFileError.invalid(file: file, reason: "no format_version") }
        guard version == currentFormatVersion || version == additiveFormatVersion else {
            throw ModelFileError.unsupportedVersion(file: file, found: version, supported: additiveFormatVersion)
        }
        let expectedType = version == additiveFormatVersion ? additiveType : logisticRegressionType
        if let type = header.model_type, type != expectedType {
            throw ModelFileError.wrongModelType(file: file, found: type, expected: expectedType)
        }
        let model: ChurnModel
        do {
            model = try JSONDecoder().decode(ChurnModel.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw ModelFileError.invalid(file: file, reason: "missing field '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'")
        } catch let DecodingError.typeMismatch(_, context) {
            throw ModelFileError.invalid(file: file, reason: "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'")
        } catch let DecodingError.dataCorrupted(context) {
            throw ModelFileError.invalid(file: file, reason: "\(context.debugDescription) at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'")
        } catch {
            throw ModelFileError.invalid(file: file, reason: "\(error)")
        }
        try model.validate(file: file)
        return model
    }

    /// The structural checks loading applies (also run before writing).
    public func validate(file: String) throws {
        func fail(_ reason: String) -> ModelFileError { .invalid(file: file, reason: reason) }
        let p = featureSpec.inputs.count
        if formatVersion == Self.additiveFormatVersion || terms != nil {
            try validateTerms(file: file)
        } else {
        guard coefficients.count == p else { throw fail("\(coefficients.count) coefficients for \(p) inputs") }
        guard standardizer.means.count == p, standardizer.standardDeviations.count == p else {
            throw fail("the standardizer has \(standardizer.means.count) means and \(standardizer.standardDeviations.count) stds for \(p) inputs")
        }
        for (k, coefficient) in coefficients.enumerated() where coefficient.input != featureSpec.inputs[k].name {
            throw fail("coefficient \(k + 1) is for '\(coefficient.input)' but input \(k + 1) is '\(featureSpec.inputs[k].name)'")
        }
        if let ranges = inputRanges {
            guard ranges.count == p else { throw fail("\(ranges.count) input ranges for \(p) inputs") }
            guard ranges.allSatisfy({ $0.minimum.isFinite && $0.maximum.isFinite && $0.minimum <= $0.maximum }) else {
                throw fail("an input range is not a finite [minimum, maximum]")
            }
        }
        let numbers = coefficients.flatMap { [$0.standardized, $0.original] } + standardizer.means + [intercept.standardized, intercept.original]
        guard numbers.allSatisfy(\.isFinite) else { throw fail("a coefficient, intercept or mean is not a finite number") }
        guard standardizer.standardDeviations.allSatisfy({ $0.isFinite && $0 > 0 }) else { throw fail("a standard deviation is not a positive finite number") }
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
