extension KeyedDecodingContainer {
    /// The column ``KeyedEncodingContainer/encodeNaNAsNull(_:forKey:)`` wrote; `null` reads as
    /// `missing` (NaN, or +∞ for a curve's first threshold).
    func decodeNaNAsNull(forKey key: Key, nullAs missing: Double = .nan) throws -> [Double] {
        try decode([Double?].self, forKey: key).map { $0 ?? missing }
    }
}
