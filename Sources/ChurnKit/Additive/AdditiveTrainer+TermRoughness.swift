#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension AdditiveTrainer {
    /// Most parameters for which the per-term roughness is estimated: each update inverts the
    /// q × q Hessian, which is what a Newton step costs up to this size (above it L-BFGS fits).
    static let termRoughnessParameterLimit = 3000

    /// Fits with one roughness λ per term and axis instead of one for all, each estimated from the
    /// data by the generalized Fellner–Schall update (Wood & Fasiolo, Biometrics 2017; mgcv's
    /// `gam.fit5` uses it for REML smoothing parameters):
    ///
    ///     λ_c ← λ_c · (tr(P⁻¹S_c) − tr(H⁻¹S_c)) / θᵀS_cθ
    ///
    /// `S_c` is component `c`'s difference penalty at unit strength, `P` the whole penalty
    /// (roughness and ridge) and `H` the penalized Hessian at the fit. The numerator counts the
    /// component's parameters that the penalty, rather than the data, pins down; the update is a
    /// fixed point of the Laplace-approximate marginal likelihood, so a term whose wiggles the data
    /// do not support (a noise input, a straight-line effect) is driven towards its penalty's null
    /// space, a line, while a curved one keeps its shape — which one λ for every term, chosen by
    /// the inner grid, cannot do. A pair's two axes each get their own λ, so a surface that is
    /// linear along one input and steps along the other (a varying slope) is representable.
    ///
    /// Starts from `start` (λ per term and axis), each λ moves at most ×10 per update within
    /// [1e-2, 1e8], and stops when every λ has settled — moved by at most 5%, or its wiggles use
    /// under 0.1 degrees of freedom — after 20 updates, or when a Hessian is not positive definite;
    /// every update refits warm. Without monotone constraints only.
    static func fitTermRoughness(_ problem: Problem, _ cells: TermCells, shapes: [TermShape], rows: [Int]?, pairCount: Int,
                                 strengths start: [[Double]], theta: [Double]?, settings: AdditiveSettings)
        -> (result: OptimizationResult, strengths: [[Double]]) {
        var strengths = start
        var result = solveUnconstrained(problem, cells, shapes: shapes, rows: rows, roughness: 0, pairCount: pairCount, start: theta,
                                        settings: settings, strengths: strengths)
        let q = cells.tableParameterCount + 1
        guard q <= termRoughnessParameterLimit else { return (result, strengths) }
        let (subset, labels, weights) = restrict(problem, cells, to: rows)
        var gradient: [Double] = [], hessian: [Double] = []
        for _ in 0..<20 {
            let penalty = self.penalty(cells, shapes: shapes, roughness: 0, pairCount: pairCount, settings: settings, strengths: strengths)
            guard !penalty.components.isEmpty, let penaltyTraces = penalty.penaltyInverseTraces(cells: cells) else { break }
            let objective = AdditiveObjective(cells: subset, labels: labels, sampleWeights: weights, C: settings.C, penalty: penalty)
            _ = objective.valueGradientHessian(at: result.parameters, gradient: &gradient, hessian: &hessian)
            let inverted = hessian.withUnsafeMutableBufferPointer { BLAS.invertSymmetricPositiveDefinite(n: q, $0.baseAddress!) }
            guard inverted else { break }
            let hessianTraces = hessian.withUnsafeBufferPointer { penalty.componentTraces($0.baseAddress!, q: q) }
            let squares = result.parameters.withUnsafeBufferPointer { penalty.componentSquares($0.baseAddress!) }
            var next = strengths, largestMove = 0.0
            for (c, component) in penalty.components.enumerated() {
                let old = strengths[component.term][component.axis]
                let freedom = penaltyTraces[c] - hessianTraces[c]
                let proposed = freedom > 0 && squares[c] > 0 ? old * freedom / squares[c] : old * 10
                let updated = min(max(proposed, old / 10, 1e-2), old * 10, 1e8)
                next[component.term][component.axis] = updated
                // λ·(tr(P⁻¹S_c) − tr(H⁻¹S_c)) is the degrees of freedom the component's wiggles still
                // use; under 0.1 it is settled, as a larger λ can change the fit by no more than that
                // (a noise input's λ otherwise climbs towards the cap by a few percent an update).
                guard old * freedom >= 0.1 else { continue }
                largestMove = max(largestMove, abs(log(updated / old)))
            }
            guard largestMove > 0.05 else { break }
            strengths = next
            result = solveUnconstrained(problem, cells, shapes: shapes, rows: rows, roughness: 0, pairCount: pairCount, start: result.parameters,
                                        settings: settings, strengths: strengths)
        }
        return (result, strengths)
    }
}
