extension ChurnModel {
    /// The structural checks of a version-2 (additive) model: every table has one entry per cell,
    /// input indices name the model's inputs, edges increase, numbers are finite. Nothing a file
    /// contains may reach a precondition when the model is applied.
    func validateTerms(file: String) throws {
        func fail(_ reason: String) -> ModelFileError { .invalid(file: file, reason: reason) }
        guard formatVersion == Self.additiveFormatVersion else { throw fail("a terms section needs format_version \(Self.additiveFormatVersion)") }
        guard let terms else { throw fail("format_version \(Self.additiveFormatVersion) needs a terms section") }
        let p = featureSpec.inputs.count
        guard intercept.standardized.isFinite, terms.intercept.isFinite, intercept.standardized == terms.intercept else {
            throw fail("the intercept is not finite or differs from terms.intercept")
        }
        if let ranges = inputRanges {
            guard ranges.count == p else { throw fail("\(ranges.count) input ranges for \(p) inputs") }
            guard ranges.allSatisfy({ $0.minimum.isFinite && $0.maximum.isFinite && $0.minimum <= $0.maximum }) else {
                throw fail("an input range is not a finite [minimum, maximum]")
            }
        }
        for (t, term) in terms.terms.enumerated() {
            let label = "term \(t + 1)"
            guard (1...2).contains(term.inputIndices.count), term.binnings.count == term.inputIndices.count,
                  term.inputNames.count == term.inputIndices.count else { throw fail("\(label) must have one or two inputs, each with bins") }
            for (k, index) in term.inputIndices.enumerated() {
                guard (0..<p).contains(index) else { throw fail("\(label) refers to input \(index + 1), the model has \(p)") }
                guard term.inputNames[k] == featureSpec.inputs[index].name else {
                    throw fail("\(label) names '\(term.inputNames[k])' but input \(index + 1) is '\(featureSpec.inputs[index].name)'")
                }
            }
            for binning in term.binnings {
                guard binning.edges.count <= 4096, binning.edges.allSatisfy(\.isFinite) else { throw fail("\(label) has non-finite or too many bin edges") }
                for k in binning.edges.indices.dropFirst() where !(binning.edges[k - 1] < binning.edges[k]) {
                    throw fail("\(label) has bin edges that do not increase")
                }
            }
            let cells = term.binnings.reduce(1) { $0 * $1.binCount }
            guard cells <= 65_536 else { throw fail("\(label) has \(cells) cells (at most 65,536)") }
            guard term.contributions.count == cells, term.rows.count == cells else {
                throw fail("\(label) has \(term.contributions.count) contributions and \(term.rows.count) row counts for \(cells) cells")
            }
            guard term.contributions.allSatisfy(\.isFinite), term.rows.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw fail("\(label) has a contribution or row count that is not a finite number")
            }
        }
    }
}
