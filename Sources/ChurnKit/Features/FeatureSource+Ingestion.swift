extension FeatureSource {
    /// Reads a transaction log through the ingestion path alone — find the records, check them,
    /// parse dates and amounts, intern the ids, on the same threads as every read — into a sink
    /// that only counts rows, so a benchmark can tell the read's cost from the features' (the
    /// `Ingest/…` micro-benchmarks of `Benchmarks/`). Not API: an SPI for that package only.
    @_spi(Benchmarks)
    public func readTransactionsOnly() throws -> IngestionSummary {
        guard case let .transactionLog(path, columns, badRows, rejectsPath) = self else {
            throw FeatureError.invalidOption("\(name) is not a transaction log; only a log's read can be measured alone")
        }
        var sink = RowCountingSink()
        return try TransactionLogReader(path: path, columns: columns ?? TransactionColumns(), badRows: badRows,
                                        rejectsPath: rejectsPath).read(into: &sink)
    }
}
