import Testing
@testable import ChurnKit

/// The invariants of a fitted additive model that both fitting routes must keep: every term's
/// contributions have weighted mean zero over the training rows (centred), and every interaction
/// surface has zero weighted row and column means (purified: its main effects moved out).
func expectPurifiedAndCentred(_ model: AdditiveModel, sourceLocation: SourceLocation = #_sourceLocation) {
    for term in model.terms {
        let total = term.rows.reduce(0, +)
        let mean = zip(term.rows, term.contributions).map { $0 * $1 }.reduce(0, +) / total
        #expect(abs(mean) < 1e-9, "\(term.name) has weighted mean \(mean)", sourceLocation: sourceLocation)
        guard term.isInteraction else { continue }
        let a = term.binnings[0].binCount, b = term.binnings[1].binCount
        for r in 0..<a {
            let w = (0..<b).map { term.rows[r * b + $0] }.reduce(0, +)
            guard w > 0 else { continue }
            let m = (0..<b).map { term.rows[r * b + $0] * term.contributions[r * b + $0] }.reduce(0, +) / w
            #expect(abs(m) < 1e-9, "\(term.name) row \(r) mean \(m)", sourceLocation: sourceLocation)
        }
        for c in 0..<b {
            let w = (0..<a).map { term.rows[$0 * b + c] }.reduce(0, +)
            guard w > 0 else { continue }
            let m = (0..<a).map { term.rows[$0 * b + c] * term.contributions[$0 * b + c] }.reduce(0, +) / w
            #expect(abs(m) < 1e-9, "\(term.name) column \(c) mean \(m)", sourceLocation: sourceLocation)
        }
    }
}

/// Writes `model`, loads it back (equal), and checks on every row of `table` that the term
/// contributions sum to the logit minus the intercept and that the scorer gives the same logit to
/// the bit. Returns the loaded model, the scored rows and the file's text for further checks.
func expectRoundTripAndReasonsSumToLogit(_ model: ChurnModel, table: FeatureTable, path: String,
                                         sourceLocation: SourceLocation = #_sourceLocation) throws -> (ChurnModel, [ScoredCustomer], String) {
    let folder = TestFiles.temporaryFolder()
    try model.write(to: folder + "/model.json")
    let loaded = try ChurnModel.load(path: folder + "/model.json")
    #expect(loaded == model, sourceLocation: sourceLocation)
    let design = try loaded.designMatrix(from: table, file: path)
    let contributions = loaded.contributions(design)
    let logits = loaded.linearPredictors(design)
    let scored = try RiskScorer(model: loaded).score(table, expectedSpend: nil, file: path)
    for i in 0..<design.rows {
        let sum = (0..<contributions.columns).map { contributions[i, $0] }.reduce(0, +)
        #expect(isClose(sum, logits[i] - loaded.intercept.standardized, absolute: 1e-12, relative: 1e-12), sourceLocation: sourceLocation)
        #expect(scored[i].logit.bitPattern == logits[i].bitPattern, sourceLocation: sourceLocation)
    }
    return (loaded, scored, TestFiles.read(folder + "/model.json"))
}

/// On ``PlantedData`` (inputs 2 and 4 interact): FAST ranks that pair first, it is the model's
/// pair term, and after purification its surface says "plan = 1 and minutes high" is riskier than
/// the sum of the parts.
func expectPlantedPair(_ fit: FittedAdditiveModel, sourceLocation: SourceLocation = #_sourceLocation) {
    let ranked = fit.rankedPairs
    #expect(ranked.first.map { [$0.first, $0.second] } == [2, 4], "FAST ranked \(ranked.prefix(3))", sourceLocation: sourceLocation)
    guard let pair = fit.model.terms.first(where: \.isInteraction) else {
        Issue.record("no pair term", sourceLocation: sourceLocation)
        return
    }
    #expect(pair.name == "plan × minutes", sourceLocation: sourceLocation)
    let high = pair.binnings[1].bin(0.9), low = pair.binnings[1].bin(0.1)
    let b = pair.binnings[1].binCount
    let contrast = (pair.contributions[2 * b + high] - pair.contributions[2 * b + low]) - (pair.contributions[1 * b + high] - pair.contributions[1 * b + low])
    #expect(contrast > 1.0, "interaction contrast \(contrast)", sourceLocation: sourceLocation)
}
