import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The BG/NBD negative log-likelihood as an ``Objective`` over `θ = log(r, α′, a, b)`, in
/// lifetimes' exact form so that its optimum, its `penalizer_coef` and its standard errors are
/// lifetimes':
///
///     F(θ) = −(1/Σw) Σₖ wₖ·ℓ(xₖ, tₖ, Tₖ) + c·(r² + α′² + a² + b²)
///
/// with times scaled by `s = 1/max T` (lifetimes' `_scale_time`; `α′ = s·α` is the scaled time
/// scale) and, per pattern (Fader, Hardie and Lee 2005, section 7),
///
///     ℓ = A₁ + A₂ + log(e^{A₃} + [x > 0]·e^{A₄})
///     A₁ = log Γ(r+x) − log Γ(r) + r log α′
///     A₂ = log Γ(a+b) + log Γ(b+x) − log Γ(b) − log Γ(a+b+x)
///     A₃ = −(r+x) log(α′+T)
///     A₄ = log a − log(b+x−1) − (r+x) log(α′+tₓ).
///
/// The gradient and the Hessian are analytic (digamma, trigamma; the log-sum-exp's Hessian is
/// `(1−p)∇²A₃ + p∇²A₄ + p(1−p)(∇A₄−∇A₃)(∇A₄−∇A₃)ᵀ` with `p` the softmax weight of `A₄`), then
/// moved to log parameters by `∂²/∂θᵢ∂θⱼ = pᵢpⱼ ∂²/∂pᵢ∂pⱼ + δᵢⱼ pᵢ ∂/∂pᵢ`. A₁ and A₂ depend on `x`
/// only, and `log(α′+T)`, `log(α′+tₓ)` on one column each: they are computed once per distinct
/// value, so a pass over the patterns costs one `exp` and one `log1p` per pattern.
///
/// Not thread-safe: evaluations reuse scratch buffers (the trainers call it from one thread); a
/// full pass over 65,536 patterns or more is itself split in two fixed halves on two threads,
/// which only read the scratch tables (hence `@unchecked Sendable`).
final class BGNBDObjective: Objective, @unchecked Sendable {
    let patterns: PurchasePatterns
    /// `s = 1/max T` (1 when every T is 0).
    let timeScale: Double
    let penalizerCoef: Double
    let totalWeight: Double
    let scaledRecencies: [Double]
    let scaledAges: [Double]
    /// Σ weights of the patterns with each distinct frequency.
    let weightPerFrequency: [Double]
    // Scratch, one entry per distinct value.
    var logAge: [Double], inverseAge: [Double], logRecency: [Double], inverseRecency: [Double]
    var logDropOut: [Double], inverseDropOut: [Double]

    init(patterns: PurchasePatterns, penalizerCoef: Double = 0) {
        self.patterns = patterns
        let maxAge = patterns.ages.last ?? 0
        timeScale = maxAge > 0 ? 1 / maxAge : 1
        self.penalizerCoef = penalizerCoef
        totalWeight = patterns.totalWeight
        scaledRecencies = patterns.recencies.map { $0 * (maxAge > 0 ? 1 / maxAge : 1) }
        scaledAges = patterns.ages.map { $0 * (maxAge > 0 ? 1 / maxAge : 1) }
        var perFrequency = [Double](repeating: 0, count: patterns.frequencies.count)
        for k in 0..<patterns.patternCount { perFrequency[Int(patterns.frequencyIndex[k])] += patterns.weights[k] }
        weightPerFrequency = perFrequency
        logAge = [Double](repeating: 0, count: patterns.ages.count)
        inverseAge = logAge
        logRecency = [Double](repeating: 0, count: patterns.recencies.count)
        inverseRecency = logRecency
        logDropOut = [Double](repeating: 0, count: patterns.frequencies.count)
        inverseDropOut = logDropOut
    }

    var parameterCount: Int { 4 }
    var sampleCount: Int { patterns.patternCount }
    /// The objective is a mean log-likelihood, so tolerances are absolute.
    var gradientScale: Double { 1 }
    var l1Weights: [Double]? { nil }

    /// Natural parameters (α in days) from `θ`.
    func parameters(_ theta: [Double]) -> BGNBDParameters {
        BGNBDParameters(r: exp(theta[0]), alpha: exp(theta[1]) / timeScale, a: exp(theta[2]), b: exp(theta[3]))
    }

    /// `θ` of natural parameters (α in days).
    func theta(_ parameters: BGNBDParameters) -> [Double] {
        [log(parameters.r), log(parameters.alpha * timeScale), log(parameters.a), log(parameters.b)]
    }

    func value(at theta: [Double]) -> Double {
        evaluate(theta, rows: nil, gradient: nil, hessian: nil)
    }

    func valueAndGradient(at theta: [Double], gradient: inout [Double]) -> Double {
        gradient.withUnsafeMutableBufferPointer { evaluate(theta, rows: nil, gradient: $0.baseAddress, hessian: nil) }
    }

    func valueGradientHessian(at theta: [Double], gradient: inout [Double], hessian: inout [Double]) -> Double {
        gradient.withUnsafeMutableBufferPointer { g in
            hessian.withUnsafeMutableBufferPointer { h in evaluate(theta, rows: nil, gradient: g.baseAddress, hessian: h.baseAddress) }
        }
    }

    func hessianVectorProduct(at theta: [Double], _ v: [Double], result: inout [Double]) {
        var gradient = [Double](repeating: 0, count: 4), hessian = [Double](repeating: 0, count: 16)
        _ = valueGradientHessian(at: theta, gradient: &gradient, hessian: &hessian)
        for i in 0..<4 { result[i] = (0..<4).reduce(0) { $0 + hessian[i * 4 + $1] * v[$1] } }
    }

    func stochasticGradient(at theta: [Double], rows: ArraySlice<Int>, gradient: inout [Double]) {
        gradient.withUnsafeMutableBufferPointer { g in _ = evaluate(theta, rows: rows, gradient: g.baseAddress, hessian: nil) }
    }

    /// The log-likelihood `Σ wₖ ℓₖ` with time in days (not lifetimes' scaled units; the two differ
    /// by `Σ w·x·log s`), at natural parameters: what two fits are compared on.
    func logLikelihood(_ parameters: BGNBDParameters) -> Double {
        let scaled = -evaluate(theta(parameters), rows: nil, gradient: nil, hessian: nil, penalized: false) * totalWeight
        var shift = 0.0
        for (j, x) in patterns.frequencies.enumerated() { shift += weightPerFrequency[j] * x }
        return scaled + shift * log(timeScale)
    }

    /// Patterns above which a full pass is split between two threads.
    static let parallelThreshold = 1 << 16

    /// What one pass needs besides the scratch tables.
    struct PassContext: Sendable {
        var r: Double, logA: Double, inverseA: Double
        var wantsGradient: Bool, wantsHessian: Bool
    }

    /// The log-sum-exp part's sums over some patterns: value, natural gradient and Hessian.
    struct PatternSums: Sendable {
        var value = 0.0, gr = 0.0, gAlpha = 0.0, ga = 0.0, gb = 0.0
        var hrr = 0.0, hrAlpha = 0.0, hAlphaAlpha = 0.0, haa = 0.0, hab = 0.0, hbb = 0.0
        var hra = 0.0, hrb = 0.0, hAlphaA = 0.0, hAlphaB = 0.0

        mutating func add(_ o: PatternSums) {
            value += o.value; gr += o.gr; gAlpha += o.gAlpha; ga += o.ga; gb += o.gb
            hrr += o.hrr; hrAlpha += o.hrAlpha; hAlphaAlpha += o.hAlphaAlpha; haa += o.haa; hab += o.hab; hbb += o.hbb
            hra += o.hra; hrb += o.hrb; hAlphaA += o.hAlphaA; hAlphaB += o.hAlphaB
        }
    }

    /// `Σ wₖ·log(e^{A₃} + [x > 0]e^{A₄})` and its derivatives over the patterns listed; reads the
    /// per-value tables filled by `evaluate` and writes nothing shared.
    /// A documented hot loop (every pattern on every pass).
    func patternSums<S: Sequence>(_ indices: S, _ c: PassContext) -> PatternSums where S.Element == Int {
        var s = PatternSums()
        let r = c.r
        patterns.weights.withUnsafeBufferPointer { weights in
        patterns.frequencyIndex.withUnsafeBufferPointer { fIndex in
        patterns.recencyIndex.withUnsafeBufferPointer { tIndex in
        patterns.ageIndex.withUnsafeBufferPointer { aIndex in
        patterns.frequencies.withUnsafeBufferPointer { frequencies in
        logAge.withUnsafeBufferPointer { logAge in
        inverseAge.withUnsafeBufferPointer { inverseAge in
        logRecency.withUnsafeBufferPointer { logRecency in
        inverseRecency.withUnsafeBufferPointer { inverseRecency in
        logDropOut.withUnsafeBufferPointer { logDropOut in
        inverseDropOut.withUnsafeBufferPointer { inverseDropOut in
            for k in indices {
                let w = weights[k]
                let jx = Int(fIndex[k]), jt = Int(tIndex[k]), jT = Int(aIndex[k])
                let x = frequencies[jx]
                let rx = r + x
                let u = -rx * logAge[jT]
                guard x > 0 else {
                    s.value += w * u
                    if c.wantsGradient {
                        s.gr -= w * logAge[jT]
                        s.gAlpha -= w * rx * inverseAge[jT]
                        if c.wantsHessian {
                            s.hrAlpha -= w * inverseAge[jT]
                            s.hAlphaAlpha += w * rx * inverseAge[jT] * inverseAge[jT]
                        }
                    }
                    continue
                }
                let v = c.logA - logDropOut[jx] - rx * logRecency[jt]
                let e = exp(-abs(u - v))
                s.value += w * (max(u, v) + log1p(e))
                guard c.wantsGradient else { continue }
                let p = u >= v ? e / (1 + e) : 1 / (1 + e)          // softmax weight of v
                let q = 1 - p
                // ∇u = (−log(α+T), −(r+x)/(α+T), 0, 0); ∇v = (−log(α+tₓ), −(r+x)/(α+tₓ), 1/a, −1/(b+x−1)).
                let dur = -logAge[jT], duAlpha = -rx * inverseAge[jT]
                let dvr = -logRecency[jt], dvAlpha = -rx * inverseRecency[jt], dva = c.inverseA, dvb = -inverseDropOut[jx]
                s.gr += w * (q * dur + p * dvr)
                s.gAlpha += w * (q * duAlpha + p * dvAlpha)
                s.ga += w * p * dva
                s.gb += w * p * dvb
                guard c.wantsHessian else { continue }
                let pq = w * p * q
                let dr = dvr - dur, dAlpha = dvAlpha - duAlpha
                s.hrr += pq * dr * dr
                s.hrAlpha += w * (q * -inverseAge[jT] + p * -inverseRecency[jt]) + pq * dr * dAlpha
                s.hAlphaAlpha += w * (q * rx * inverseAge[jT] * inverseAge[jT] + p * rx * inverseRecency[jt] * inverseRecency[jt]) + pq * dAlpha * dAlpha
                s.haa += w * p * -c.inverseA * c.inverseA + pq * dva * dva
                s.hab += pq * dva * dvb
                s.hbb += w * p * inverseDropOut[jx] * inverseDropOut[jx] + pq * dvb * dvb
                s.hra += pq * dr * dva
                s.hrb += pq * dr * dvb
                s.hAlphaA += pq * dAlpha * dva
                s.hAlphaB += pq * dAlpha * dvb
            }
        }}}}}}}}}}}
        return s
    }

    /// One pass: `F(θ)`, and when asked its gradient and Hessian (row-major 4 × 4) in `θ`.
    /// `rows` restricts the sum to some patterns, scaled up to the total weight (stochastic solvers).
    func evaluate(_ theta: [Double], rows: ArraySlice<Int>?, gradient: UnsafeMutablePointer<Double>?,
                  hessian: UnsafeMutablePointer<Double>?, penalized: Bool = true) -> Double {
        let r = exp(theta[0]), alpha = exp(theta[1]), a = exp(theta[2]), b = exp(theta[3])
        fillTables(alpha: alpha, b: b)
        let context = PassContext(r: r, logA: log(a), inverseA: 1 / a, wantsGradient: gradient != nil, wantsHessian: hessian != nil)
        var (sums, weights, sampledWeight) = logSumExpSums(rows, context)
        addFrequencyTerms(&sums, weights: weights, r: r, alpha: alpha, a: a, b: b, context)
        return naturalToLog(sums, parameters: [r, alpha, a, b], sampledWeight: sampledWeight, penalized: penalized,
                            gradient: gradient, hessian: hessian)
    }

    /// The per-value tables the pattern pass reads: `log(α + T)`, `1/(α + T)` per distinct age,
    /// the same per distinct recency, and `log(b + x − 1)`, `1/(b + x − 1)` per frequency x > 0.
    private func fillTables(alpha: Double, b: Double) {
        for j in 0..<scaledAges.count {
            logAge[j] = log(alpha + scaledAges[j])
            inverseAge[j] = 1 / (alpha + scaledAges[j])
        }
        for j in 0..<scaledRecencies.count {
            logRecency[j] = log(alpha + scaledRecencies[j])
            inverseRecency[j] = 1 / (alpha + scaledRecencies[j])
        }
        let frequencies = patterns.frequencies
        for j in 0..<frequencies.count where frequencies[j] > 0 {
            logDropOut[j] = log(b + frequencies[j] - 1)
            inverseDropOut[j] = 1 / (b + frequencies[j] - 1)
        }
    }

    /// The log-sum-exp part over all patterns (split between two threads on large data) or the
    /// patterns listed; with the weight per distinct frequency the sum covered and its total.
    private func logSumExpSums(_ rows: ArraySlice<Int>?, _ context: PassContext) -> (PatternSums, weights: [Double], total: Double) {
        if let rows {
            var weightSeen = [Double](repeating: 0, count: patterns.frequencies.count)
            for k in rows { weightSeen[Int(patterns.frequencyIndex[k])] += patterns.weights[k] }
            return (patternSums(rows, context), weightSeen, weightSeen.reduce(0, +))
        }
        if patterns.patternCount < Self.parallelThreshold {
            return (patternSums(0..<patterns.patternCount, context), weightPerFrequency, totalWeight)
        }
        // Two fixed halves on both cores; the same split every time, so results never depend on timing.
        let half = patterns.patternCount / 2
        var halves = [PatternSums](repeating: PatternSums(), count: 2)
        halves.withUnsafeMutableBufferPointer { out in
            let target = SendablePointer(out.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: 2) { t in
                target.pointer[t] = self.patternSums(t == 0 ? 0..<half : half..<self.patterns.patternCount, context)
            }
        }
        var sums = halves[0]
        sums.add(halves[1])
        return (sums, weightPerFrequency, totalWeight)
    }

    /// `A₁ + A₂` (the gamma-function terms), once per distinct frequency, with `weights` per frequency.
    private func addFrequencyTerms(_ s: inout PatternSums, weights: [Double], r: Double, alpha: Double, a: Double, b: Double,
                                   _ c: PassContext) {
        let logAlpha = log(alpha)
        let lgR = SpecialFunctions.logGamma(r), lgB = SpecialFunctions.logGamma(b), lgAB = SpecialFunctions.logGamma(a + b)
        let psiR = c.wantsGradient ? SpecialFunctions.digamma(r) : 0, psiB = c.wantsGradient ? SpecialFunctions.digamma(b) : 0
        let psiAB = c.wantsGradient ? SpecialFunctions.digamma(a + b) : 0
        let triR = c.wantsHessian ? SpecialFunctions.trigamma(r) : 0, triB = c.wantsHessian ? SpecialFunctions.trigamma(b) : 0
        let triAB = c.wantsHessian ? SpecialFunctions.trigamma(a + b) : 0
        for (j, x) in patterns.frequencies.enumerated() {
            let w = weights[j]
            guard w > 0 else { continue }
            s.value += w * r * logAlpha
            if c.wantsGradient {
                s.gr += w * logAlpha
                s.gAlpha += w * r / alpha
                if c.wantsHessian {
                    s.hrAlpha += w / alpha
                    s.hAlphaAlpha -= w * r / (alpha * alpha)
                }
            }
            guard x > 0 else { continue }
            s.value += w * (SpecialFunctions.logGamma(r + x) - lgR + lgAB + SpecialFunctions.logGamma(b + x) - lgB - SpecialFunctions.logGamma(a + b + x))
            guard c.wantsGradient else { continue }
            let psiABX = SpecialFunctions.digamma(a + b + x)
            s.gr += w * (SpecialFunctions.digamma(r + x) - psiR)
            s.ga += w * (psiAB - psiABX)
            s.gb += w * (psiAB + SpecialFunctions.digamma(b + x) - psiB - psiABX)
            guard c.wantsHessian else { continue }
            let triABX = SpecialFunctions.trigamma(a + b + x)
            s.hrr += w * (SpecialFunctions.trigamma(r + x) - triR)
            s.haa += w * (triAB - triABX)
            s.hab += w * (triAB - triABX)
            s.hbb += w * (triAB + SpecialFunctions.trigamma(b + x) - triB - triABX)
        }
    }

    /// `F = −(log-likelihood)/Σw + penalty·Σp²` and, by the chain rule from the natural parameters
    /// `p = (r, α, a, b) = e^θ`, its gradient and Hessian in θ.
    private func naturalToLog(_ s: PatternSums, parameters p: [Double], sampledWeight: Double, penalized: Bool,
                              gradient: UnsafeMutablePointer<Double>?, hessian: UnsafeMutablePointer<Double>?) -> Double {
        let scale = -1 / sampledWeight
        let penalty = penalized ? penalizerCoef : 0
        var result = scale * s.value
        if penalty > 0 { for v in p { result += penalty * v * v } }
        guard let gradient else { return result }
        let natural = [s.gr, s.gAlpha, s.ga, s.gb]
        for i in 0..<4 { gradient[i] = scale * p[i] * natural[i] + 2 * penalty * p[i] * p[i] }
        guard let hessian else { return result }
        let h: [[Double]] = [[s.hrr, s.hrAlpha, s.hra, s.hrb], [s.hrAlpha, s.hAlphaAlpha, s.hAlphaA, s.hAlphaB],
                             [s.hra, s.hAlphaA, s.haa, s.hab], [s.hrb, s.hAlphaB, s.hab, s.hbb]]
        for i in 0..<4 {
            for j in 0..<4 {
                var entry = p[i] * p[j] * h[i][j]
                if i == j { entry += p[i] * natural[i] }
                hessian[i * 4 + j] = scale * entry + (i == j ? 4 * penalty * p[i] * p[i] : 0)
            }
        }
        return result
    }
}
