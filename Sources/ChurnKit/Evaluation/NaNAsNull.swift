/// A `Double` that may be undefined (NaN), written to JSON as `null`.
///
/// Why: a metric whose denominator is zero (AUC with one class, precision with no predicted
/// churners) is *undefined*, and ChurnKit reports it as NaN in Swift — the value scikit-learn
/// users expect — rather than as an optional every caller must unwrap. JSON has no NaN, and
/// `JSONEncoder` refuses to encode one by default, so this wrapper encodes every non-finite value
/// as `null` and decodes `null` back to NaN. The model file and `--json` output therefore show
/// undefined metrics as `null`, the same convention as the retention reports.
///
/// Two wrapped NaNs compare equal, so a decoded result equals the one that was encoded.
@propertyWrapper
public struct NaNAsNull: Codable, Sendable, Equatable {
    /// The value; NaN and ±∞ are written as JSON `null`.
    public var wrappedValue: Double

    /// Wraps a value as it is.
    public init(wrappedValue: Double) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? .nan : try container.decode(Double.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if wrappedValue.isFinite { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }

    public static func == (a: NaNAsNull, b: NaNAsNull) -> Bool {
        a.wrappedValue == b.wrappedValue || (a.wrappedValue.isNaN && b.wrappedValue.isNaN)
    }
}

extension NaNAsNull {
    /// Element-wise equality where NaN equals NaN (decoded curves equal the ones encoded).
    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}
