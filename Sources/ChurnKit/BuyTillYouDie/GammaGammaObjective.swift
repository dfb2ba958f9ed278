#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The Gamma-Gamma negative log-likelihood over `θ = log(p, q, v)`, lifetimes' exact form:
///
///     F(θ) = −(1/Σw) Σᵢ wᵢ·[log Γ(px+q) − log Γ(px) − log Γ(q) + q log v + (px−1) log m
///                            + px log x − (px+q) log(xm + v)] + c·(p² + q² + v²)
///
/// over repeat customers (`x > 0`, `m > 0`). Analytic gradient and Hessian (digamma, trigamma);
/// the gamma terms depend on `x` only and are evaluated once per distinct frequency, so a pass
/// costs one `log` per customer.
final class GammaGammaObjective: Objective {
    let frequencies: [Double]
    let frequencyIndex: [Int32]
    let weights: [Double]
    let logSpend: [Double]
    let spendTotal: [Double]        // x·m
    let weightPerFrequency: [Double]
    /// Per customer `log m + log x` (the factor of `p·x`).
    let constant: [Double]
    let totalWeight: Double
    let penalizerCoef: Double

    /// `frequency` > 0 and `monetaryValue` > 0 for every row (the caller selects repeat buyers).
    init(frequency: [Double], monetaryValue: [Double], weights: [Double]? = nil, penalizerCoef: Double = 0) throws {
        let n = frequency.count
        guard monetaryValue.count == n, weights.map({ $0.count == n }) ?? true else {
            throw BuyTillYouDieError.lengthMismatch("frequency has \(n) rows, monetary_value \(monetaryValue.count)")
        }
        guard n > 0 else { throw BuyTillYouDieError.noData("no repeat customers with a positive monetary_value to fit the Gamma-Gamma model on") }
        for i in 0..<n {
            guard frequency[i].isFinite, frequency[i] > 0 else { throw BuyTillYouDieError.invalidCustomer(row: i, reason: "frequency \(frequency[i]) is not > 0") }
            guard monetaryValue[i].isFinite, monetaryValue[i] > 0 else {
                throw BuyTillYouDieError.invalidCustomer(row: i, reason: "monetary_value \(monetaryValue[i]) is not a finite number > 0")
            }
            if let w = weights?[i] { guard w.isFinite, w >= 0 else { throw BuyTillYouDieError.invalidCustomer(row: i, reason: "weight \(w) is not ≥ 0") } }
        }
        let (distinct, rank) = PurchasePatterns.ranks(frequency)
        frequencies = distinct
        frequencyIndex = rank
        self.weights = weights ?? [Double](repeating: 1, count: n)
        logSpend = monetaryValue.map { log($0) }
        spendTotal = (0..<n).map { frequency[$0] * monetaryValue[$0] }
        var perFrequency = [Double](repeating: 0, count: distinct.count)
        for i in 0..<n { perFrequency[Int(rank[i])] += self.weights[i] }
        weightPerFrequency = perFrequency
        constant = (0..<n).map { i in log(monetaryValue[i]) + log(frequency[i]) }
        totalWeight = self.weights.reduce(0, +)
        self.penalizerCoef = penalizerCoef
        guard totalWeight > 0 else { throw BuyTillYouDieError.noData("the customers' weights sum to 0") }
    }

    var parameterCount: Int { 3 }
    var sampleCount: Int { weights.count }
    var gradientScale: Double { 1 }
    var l1Weights: [Double]? { nil }

    func value(at theta: [Double]) -> Double { evaluate(theta, gradient: nil, hessian: nil) }

    func valueAndGradient(at theta: [Double], gradient: inout [Double]) -> Double {
        gradient.withUnsafeMutableBufferPointer { evaluate(theta, gradient: $0.baseAddress, hessian: nil) }
    }

    func valueGradientHessian(at theta: [Double], gradient: inout [Double], hessian: inout [Double]) -> Double {
        gradient.withUnsafeMutableBufferPointer { g in
            hessian.withUnsafeMutableBufferPointer { h in evaluate(theta, gradient: g.baseAddress, hessian: h.baseAddress) }
        }
    }

    func hessianVectorProduct(at theta: [Double], _ v: [Double], result: inout [Double]) {
        var gradient = [Double](repeating: 0, count: 3), hessian = [Double](repeating: 0, count: 9)
        _ = valueGradientHessian(at: theta, gradient: &gradient, hessian: &hessian)
        for i in 0..<3 { result[i] = (0..<3).reduce(0) { $0 + hessian[i * 3 + $1] * v[$1] } }
    }

    /// The full gradient (the data are small: stochastic solvers are not worth it here).
    func stochasticGradient(at theta: [Double], rows: ArraySlice<Int>, gradient: inout [Double]) {
        _ = valueAndGradient(at: theta, gradient: &gradient)
    }

    /// `Σ wᵢ log Lᵢ` at natural parameters, no penalty.
    /// A documented hot loop (every spend pattern on every pass): value, gradient and Hessian share
    /// the log-gamma terms, so they are formed together.
    func logLikelihood(_ parameters: GammaGammaParameters) -> Double {
        -evaluate([log(parameters.p), log(parameters.q), log(parameters.v)], gradient: nil, hessian: nil, penalized: false) * totalWeight
    }

    func evaluate(_ theta: [Double], gradient: UnsafeMutablePointer<Double>?, hessian: UnsafeMutablePointer<Double>?,
                  penalized: Bool = true) -> Double {
        let p = exp(theta[0]), q = exp(theta[1]), v = exp(theta[2])
        let wantsGradient = gradient != nil, wantsHessian = hessian != nil
        let logV = log(v)
        var value = 0.0
        var gp = 0.0, gq = 0.0, gv = 0.0
        var hpp = 0.0, hpq = 0.0, hpv = 0.0, hqq = 0.0, hqv = 0.0, hvv = 0.0
        // Per customer: (px − 1) log m + px log x − (px + q) log(xm + v) + q log v.
        for i in 0..<weights.count {
            let w = weights[i]
            let x = frequencies[Int(frequencyIndex[i])]
            let px = p * x
            let denominator = spendTotal[i] + v
            let logDenominator = log(denominator)
            value += w * (px * constant[i] - logSpend[i] - (px + q) * logDenominator + q * logV)
            guard wantsGradient else { continue }
            let inverse = 1 / denominator
            gp += w * x * (constant[i] - logDenominator)
            gq += w * (logV - logDenominator)
            gv += w * (q / v - (px + q) * inverse)
            guard wantsHessian else { continue }
            hpv -= w * x * inverse
            hqv += w * (1 / v - inverse)
            hvv += w * (-q / (v * v) + (px + q) * inverse * inverse)
        }
        // log Γ(px + q) − log Γ(px) − log Γ(q), once per distinct frequency.
        let lgQ = SpecialFunctions.logGamma(q)
        let psiQ = wantsGradient ? SpecialFunctions.digamma(q) : 0, triQ = wantsHessian ? SpecialFunctions.trigamma(q) : 0
        for j in 0..<frequencies.count {
            let w = weightPerFrequency[j]
            guard w > 0 else { continue }
            let x = frequencies[j], px = p * x
            value += w * (SpecialFunctions.logGamma(px + q) - SpecialFunctions.logGamma(px) - lgQ)
            guard wantsGradient else { continue }
            let psiSum = SpecialFunctions.digamma(px + q)
            gp += w * x * (psiSum - SpecialFunctions.digamma(px))
            gq += w * (psiSum - psiQ)
            guard wantsHessian else { continue }
            let triSum = SpecialFunctions.trigamma(px + q)
            hpp += w * x * x * (triSum - SpecialFunctions.trigamma(px))
            hpq += w * x * triSum
            hqq += w * (triSum - triQ)
        }
        let scale = -1 / totalWeight
        let parameters = [p, q, v]
        let penalty = penalized ? penalizerCoef : 0
        var result = scale * value
        for parameter in parameters { result += penalty * parameter * parameter }
        guard let gradient else { return result }
        let natural = [gp, gq, gv]
        for i in 0..<3 { gradient[i] = scale * parameters[i] * natural[i] + 2 * penalty * parameters[i] * parameters[i] }
        guard let hessian else { return result }
        let h = [[hpp, hpq, hpv], [hpq, hqq, hqv], [hpv, hqv, hvv]]
        for i in 0..<3 {
            for j in 0..<3 {
                var entry = parameters[i] * parameters[j] * h[i][j]
                if i == j { entry += parameters[i] * natural[i] }
                hessian[i * 3 + j] = scale * entry + (i == j ? 4 * penalty * parameters[i] * parameters[i] : 0)
            }
        }
        return result
    }
}
