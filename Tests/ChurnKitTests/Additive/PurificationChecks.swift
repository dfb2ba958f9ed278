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
