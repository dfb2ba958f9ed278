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
    /// [1e-2, 1e8], and stops when every λ has settled — the update proposes a move of at most 5%,
    /// or its wiggles use under 0.1 degrees of freedom — after 20 updates, or when a Hessian is not
    /// positive definite; every update refits warm. The update converges linearly, and slowly where
    /// a λ heads for a straight line (an effect that is linear along that axis: λ → ∞, each update
    /// ~20% further), so a λ that keeps moving the same way moves twice as far (in log λ) for each
    /// update in the run, up to 16× the proposed step and ×10: on the synthetic table's
    /// `day_minutes × tenure`, 20 updates that never settled became 8 (that final fit 8.7 s → 3.5 s,
    /// release build) and its main effects 20 → 10. An overshoot is corrected by
    /// the next update, which turns back with a plain step. Without monotone constraints only.
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
        // Per component: how many updates in a row moved its λ the same way (+ up, − down).
        var runs: [Int] = []
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
            if runs.count != penalty.components.count { runs = [Int](repeating: 0, count: penalty.components.count) }
            for (c, component) in penalty.components.enumerated() {
                let old = strengths[component.term][component.axis]
                let freedom = penaltyTraces[c] - hessianTraces[c]
                let proposed = freedom > 0 && squares[c] > 0 ? old * freedom / squares[c] : old * 10
                let step = min(max(log(proposed / old), -log(10)), log(10))
                runs[c] = step > 0 ? max(runs[c], 0) + 1 : (step < 0 ? min(runs[c], 0) - 1 : 0)
                let stretched = min(max(step * Double(1 << min(abs(runs[c]) - 1, 4)), -log(10)), log(10))
                next[component.term][component.axis] = min(max(old * exp(stretched), 1e-2), 1e8)
                // λ·(tr(P⁻¹S_c) − tr(H⁻¹S_c)) is the degrees of freedom the component's wiggles still
                // use; under 0.1 it is settled, as a larger λ can change the fit by no more than that
                // (a noise input's λ otherwise climbs towards the cap by a few percent an update).
                guard old * freedom >= 0.1 else { continue }
                largestMove = max(largestMove, abs(step))
            }
            guard largestMove > 0.05 else { break }
            strengths = next
            result = solveUnconstrained(problem, cells, shapes: shapes, rows: rows, roughness: 0, pairCount: pairCount, start: result.parameters,
                                        settings: settings, strengths: strengths)
        }
        return (result, strengths)
    }
}
