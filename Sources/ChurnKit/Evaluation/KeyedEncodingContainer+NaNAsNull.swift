extension KeyedEncodingContainer {
    /// A column of doubles with every non-finite value as `null` (the ``NaNAsNull`` convention).
    mutating func encodeNaNAsNull(_ values: [Double], forKey key: Key) throws {
        try encode(values.map { $0.isFinite ? $0 : nil }, forKey: key)
    }
}
