import Foundation

/// The camelCase keys model files used before every key became snake_case, and how to read them.
///
/// Files written before ChurnKit settled on snake_case keys spelled a few nested keys in
/// camelCase (`training_report.stoppingRule`, `standardizer.standardDeviations`, the table
/// encoding's `labelColumn`, …). Loading maps exactly these names to their snake_case spelling,
/// so old and new files decode into the same model; writing always uses snake_case. Only the
/// listed names are mapped, and never inside the `evaluation` dictionary, whose keys are metric
/// names (data, not structure).
enum LegacyModelKeys {
    static let snakeCase: [String: String] = [
        "stoppingRule": "stopping_rule",
        "gradientMaxNorm": "gradient_max_norm",
        "objectiveHistory": "objective_history",
        "standardDeviations": "standard_deviations",
        "labelColumn": "label_column",
        "positiveLabel": "positive_label",
        "idColumn": "id_column",
        "sampleWeightColumn": "sample_weight_column",
        "missingIndicator": "missing_indicator",
    ]

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }
    }

    /// A decoder that reads both spellings.
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in
            let key = path[path.count - 1]
            guard key.intValue == nil, path.first?.stringValue != "evaluation",
                  let modern = snakeCase[key.stringValue] else { return key }
            return Key(stringValue: modern)
        }
        return decoder
    }
}
