import Foundation
import Testing
@testable import ChurnKit

/// BG/NBD and Gamma-Gamma against lifetimes 0.11.3 (Benchmarks/reference/bgnbd_lifetimes.py →
/// output/bgnbd_cdnow.json): parameters to 1e-4 relative, a log-likelihood at least as high, and
/// every prediction to 1e-8 relative given lifetimes' parameters.
struct BGNBDReferenceTests {
    nonisolated(unsafe) static let reference = try! ReferenceOutput.load("bgnbd_cdnow.json")

    struct Data {
        var frequency: [Double], recency: [Double], T: [Double], monetaryValue: [Double]
    }

    /// CDNOW at 1997-09-30 as ChurnKit computes the features.
    static let cdnow: Data = {
        let table = try! TransactionFeatureBuilder().build(path: TestFiles.cdnow, cutoff: CalendarDay(parsing: "1997-09-30"), horizonDays: 273).table
        return Data(frequency: table.column("frequency")!, recency: table.column("recency")!, T: table.column("T")!,
                    monetaryValue: table.column("monetary_value")!)
    }()

    /// lifetimes' own CDNOW summary (weeks), as written by the reference script.
    static let summary: Data = {
        let data = (reference["lifetimes_summary"] as! [String: Any])["data"] as! [String: Any]
        return Data(frequency: ReferenceOutput.numbers(data["frequency"]), recency: ReferenceOutput.numbers(data["recency"]),
                    T: ReferenceOutput.numbers(data["T"]), monetaryValue: ReferenceOutput.numbers(data["monetary_value"]))
    }()

    static func section(_ name: String) -> [String: Any] { reference[name] as! [String: Any] }
    static func data(_ name: String) -> Data { name == "cdnow_1997_09_30" ? cdnow : summary }

    static func parameters(_ node: Any?) -> BGNBDParameters {
        let d = node as! [String: Any]
        return BGNBDParameters(r: ReferenceOutput.number(d["r"]!)!, alpha: ReferenceOutput.number(d["alpha"]!)!,
                               a: ReferenceOutput.number(d["a"]!)!, b: ReferenceOutput.number(d["b"]!)!)
    }

    static func values(_ p: BGNBDParameters) -> [Double] { [p.r, p.alpha, p.a, p.b] }

    static let sections = ["cdnow_1997_09_30", "lifetimes_summary"]

    @Test(arguments: sections)
    func parametersAndLikelihoodMatchLifetimes(name: String) throws {
        let data = Self.data(name)
        let expected = Self.section(name)["unpenalized"] as! [String: Any]
        let fit = try BGNBDFitter().fit(frequency: data.frequency, recency: data.recency, T: data.T)
        #expect(fit.optimization.converged, "\(fit.optimization.message)")
        let lifetimes = Self.parameters(expected["params"])
        for (ours, theirs) in zip(Self.values(fit.parameters), Self.values(lifetimes)) {
            #expect(isClose(ours, theirs, absolute: 0, relative: 1e-4), "\(name): \(ours) vs lifetimes \(theirs)")
        }
        let theirLikelihood = ReferenceOutput.number(expected["log_likelihood"]!)!
        #expect(fit.logLikelihood >= theirLikelihood - 1e-9 * abs(theirLikelihood), "\(fit.logLikelihood) < lifetimes \(theirLikelihood)")
        // The same function: our log-likelihood at lifetimes' parameters is lifetimes' value.
        let objective = BGNBDObjective(patterns: try PurchasePatterns(frequency: data.frequency, recency: data.recency, T: data.T))
        #expect(isClose(objective.logLikelihood(lifetimes), theirLikelihood, absolute: 0, relative: 1e-11))
        #expect(isClose(fit.objective, ReferenceOutput.number(expected["lifetimes_objective"]!)!, absolute: 0, relative: 1e-9))
        let se = try #require(fit.standardErrors)
        for (ours, theirs) in zip(Self.values(se), Self.values(Self.parameters(expected["se"]))) {
            #expect(isClose(ours, theirs, absolute: 0, relative: 1e-3), "\(name) se: \(ours) vs \(theirs)")
        }
        #expect(fit.patterns < fit.customers)
    }

    @Test(arguments: sections)
    func penalizerMatchesLifetimes(name: String) throws {
        let data = Self.data(name)
        let expected = Self.section(name)["penalized"] as! [String: Any]
        let fit = try BGNBDFitter(penalizerCoef: ReferenceOutput.number(expected["penalizer_coef"]!)!)
            .fit(frequency: data.frequency, recency: data.recency, T: data.T)
        for (ours, theirs) in zip(Self.values(fit.parameters), Self.values(Self.parameters(expected["params"]))) {
            #expect(isClose(ours, theirs, absolute: 0, relative: 1e-4), "\(name) penalized: \(ours) vs lifetimes \(theirs)")
        }
        #expect(fit.objective <= ReferenceOutput.number(expected["lifetimes_objective"]!)! * (1 + 1e-12))
    }

    @Test(arguments: sections)
    func predictionsMatchLifetimesGivenItsParameters(name: String) throws {
        let data = Self.data(name)
        let section = Self.section(name)
        let p = Self.parameters((section["unpenalized"] as! [String: Any])["params"])
        let totals = section["predictions_totals"] as! [String: Any]
        let horizon = ReferenceOutput.number(totals["horizon"]!)!
        for row in section["spot"] as! [[String: Any]] {
            let x = ReferenceOutput.number(row["frequency"]!)!, t = ReferenceOutput.number(row["recency"]!)!, age = ReferenceOutput.number(row["T"]!)!
            let checks: [(String, Double)] = [
                ("p_alive", p.probabilityAlive(frequency: x, recency: t, T: age)),
                ("expected_purchases", p.expectedPurchases(days: horizon, frequency: x, recency: t, T: age)),
                ("p_no_purchase", p.probabilityNoPurchase(days: horizon, frequency: x, recency: t, T: age)),
            ]
            for (key, ours) in checks {
                let theirs = ReferenceOutput.number(row[key]!)!
                #expect(isClose(ours, theirs, absolute: 0, relative: 1e-8), "\(name) row \(row["row"]!) \(key): \(ours) vs \(theirs)")
            }
        }
        let predictions = try BGNBDPredictions(parameters: p, frequency: data.frequency, recency: data.recency, T: data.T, horizonDays: horizon)
        let sums: [(String, [Double])] = [("p_alive", predictions.probabilityAlive), ("expected_purchases", predictions.expectedPurchases),
                                          ("p_no_purchase", predictions.probabilityNoPurchase)]
        for (key, values) in sums {
            #expect(isClose(values.reduce(0, +), ReferenceOutput.number(totals[key]!)!, absolute: 0, relative: 1e-10), "\(name) Σ \(key)")
        }
        for (t, value) in section["new_customer_expected_purchases"] as! [String: Any] {
            #expect(isClose(p.expectedPurchasesOfNewCustomer(days: Double(t)!), ReferenceOutput.number(value)!, absolute: 0, relative: 1e-8))
        }
        for (n, value) in section["probability_of_purchases"] as! [String: Any] {
            #expect(isClose(p.probabilityOfPurchases(Int(n)!, days: horizon), ReferenceOutput.number(value)!, absolute: 1e-15, relative: 1e-8), "P(X = \(n))")
        }
    }

    @Test(arguments: sections)
    func gammaGammaAndLifetimeValueMatchLifetimes(name: String) throws {
        let data = Self.data(name)
        let section = Self.section(name)
        let expected = section["gamma_gamma"] as! [String: Any]
        let fit = try GammaGammaFitter().fit(frequency: data.frequency, monetaryValue: data.monetaryValue)
        #expect(fit.optimization.converged, "\(fit.optimization.message)")
        #expect(fit.customers == expected["customers"] as! Int)
        let params = expected["params"] as! [String: Any]
        let lifetimes = GammaGammaParameters(p: ReferenceOutput.number(params["p"]!)!, q: ReferenceOutput.number(params["q"]!)!,
                                             v: ReferenceOutput.number(params["v"]!)!)
        for (ours, theirs) in zip([fit.parameters.p, fit.parameters.q, fit.parameters.v], [lifetimes.p, lifetimes.q, lifetimes.v]) {
            #expect(isClose(ours, theirs, absolute: 0, relative: 1e-4), "\(name) Gamma-Gamma: \(ours) vs lifetimes \(theirs)")
        }
        let theirLikelihood = ReferenceOutput.number(expected["log_likelihood"]!)!
        #expect(fit.logLikelihood >= theirLikelihood - 1e-9 * abs(theirLikelihood))
        let se = expected["se"] as! [String: Any]
        let ourSE = try #require(fit.standardErrors)
        for (ours, key) in zip([ourSE.p, ourSE.q, ourSE.v], ["p", "q", "v"]) {
            #expect(isClose(ours, ReferenceOutput.number(se[key]!)!, absolute: 0, relative: 1e-3), "se \(key)")
        }
        // CLV and expected spend with lifetimes' parameters.
        let bgnbd = Self.parameters((section["unpenalized"] as! [String: Any])["params"])
        let clv = expected["clv"] as! [String: Any]
        let forecast = LifetimeValueForecast(months: clv["months"] as! Int, discountRate: ReferenceOutput.number(clv["discount_rate"]!)!,
                                             periodLength: clv["freq"] as! String == "W" ? 4.345 : 30)
        for row in section["spot"] as! [[String: Any]] {
            let x = ReferenceOutput.number(row["frequency"]!)!, m = ReferenceOutput.number(row["monetary_value"]!)!
            let spend = lifetimes.expectedAverageSpend(frequency: x, monetaryValue: m)
            #expect(isClose(spend, ReferenceOutput.number(row["expected_average_spend"]!)!, absolute: 0, relative: 1e-8))
            let value = forecast.value(purchases: bgnbd, spend: lifetimes, frequency: x, recency: ReferenceOutput.number(row["recency"]!)!,
                                       T: ReferenceOutput.number(row["T"]!)!, monetaryValue: m)
            #expect(isClose(value, ReferenceOutput.number(row["clv"]!)!, absolute: 0, relative: 1e-8), "\(name) CLV row \(row["row"]!)")
        }
        let total = (0..<data.frequency.count).reduce(0.0) { sum, i in
            sum + forecast.value(purchases: bgnbd, spend: lifetimes, frequency: data.frequency[i], recency: data.recency[i], T: data.T[i],
                                 monetaryValue: data.monetaryValue[i])
        }
        #expect(isClose(total, ReferenceOutput.number(clv["total"]!)!, absolute: 0, relative: 1e-9))
    }
}

/// The calibration-vs-holdout fit check against lifetimes' (the reference script's) table.
struct BGNBDFitCheckReferenceTests {
    @Test func calibrationVsHoldoutMatchesLifetimes() throws {
        let section = BGNBDReferenceTests.section("cdnow_1997_09_30")
        let p = BGNBDReferenceTests.parameters((section["unpenalized"] as! [String: Any])["params"])
        let expected = section["calibration_vs_holdout"] as! [String: Any]
        // The library's split (as churn report and churn evaluate --fit-checks make it) against lifetimes'.
        let days = try #require(ReferenceOutput.number(expected["duration_holdout"]!))
        let split = try BGNBDHoldoutSplit.read(.transactionLog(path: TestFiles.cdnow),
                                               cutoff: try #require(CalendarDay(parsing: "1997-09-30")), holdoutDays: Int(days))
        #expect(split.holdoutDays == 273)
        let checks = try split.fitChecks(parameters: p)
        let rows = try #require(checks.calibrationVsHoldout)
        let reference = expected["rows"] as! [[String: Any]]
        for row in rows.prefix(7) {
            let wanted = try #require(reference.first { String($0["frequency_cal"] as! Int) == row.frequency })
            #expect(row.customers == wanted["customers"] as! Int)
            #expect(isClose(row.actual, ReferenceOutput.number(wanted["mean_frequency_holdout"]!)!, absolute: 0, relative: 1e-12))
            #expect(isClose(row.expected, ReferenceOutput.number(wanted["mean_model_predictions"]!)!, absolute: 0, relative: 1e-8))
        }
        #expect(rows.reduce(0) { $0 + $1.customers } == 23570)
    }
}
