/// Digesting an input by name, in Ingestion because only Ingestion knows how an input is opened
/// (a file, standard input, a gzip stream); ``ContentDigest`` itself stays in Support, below it.
extension ContentDigest {
    /// The digest an ingestion pass over the input at `path` would record (inflated bytes for a
    /// gzip input), by reading it once more: for checks that may afford a pass, such as whether
    /// a report's data is the model's training data. Ingestion itself never calls this.
    public static func ofInput(at path: String) throws -> String {
        let digest = ContentDigest()
        var input = try InputSource.open(path: path)
        defer { input.close() }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let got = try input.read(into: buffer, count: 1 << 20)
            if got == 0 { break }
            digest.update(UnsafeRawBufferPointer(start: buffer, count: got))
        }
        digest.finish()
        return digest.hexDigest!
    }
}
