import Foundation

/// The BG/NBD part of a model file: the fitted parameters and what predictions need.
///
/// As the whole model (`model_type` `bgnbd`) its churn probability is
/// `P(no purchase in the next horizon_days days)`, the probability of exactly ChurnKit's churn
/// label. Inside a logistic model it computes the inputs `bgnbd_p_alive` and
/// `bgnbd_expected_purchases` (over `horizon_days`) from each customer's frequency, recency and T.
public struct BuyTillYouDieModel: Codable, Sendable, Equatable {
    /// Feature column with the probability a customer is still alive at the cut-off.
    public static let probabilityAliveColumn = "bgnbd_p_alive"
    /// Feature column with the purchases expected over `horizonDays`.
    public static let expectedPurchasesColumn = "bgnbd_expected_purchases"
    /// The columns the model adds to a feature table, in order.
    public static let columns = [probabilityAliveColumn, expectedPurchasesColumn]

    /// The fitted BG/NBD parameters (time in days).
    public var parameters: BGNBDParameters
    /// Their standard errors; nil when the Hessian at the optimum was not positive definite.
    public var standardErrors: BGNBDParameters?
    /// Σ log-likelihood over the training rows, time in days.
    public var logLikelihood: Double
    /// The L2 penalty it was fitted with (lifetimes' `penalizer_coef`).
    public var penalizerCoef: Double
    /// Customers it was fitted on.
    public var customers: Int
    /// Distinct `(x, tₓ, T)` patterns among them.
    public var patterns: Int
    /// The horizon of the expected-purchases column, in days.
    public var horizonDays: Int
    /// The spend model fitted on the repeat buyers with positive monetary_value (nil when there are none).
    public var gammaGamma: GammaGammaParameters?
    /// Whether the fit converged; a model that did not is stored but flagged.
    public var converged: Bool

    enum CodingKeys: String, CodingKey {
        case parameters, standardErrors = "std_errors", logLikelihood = "log_likelihood", penalizerCoef = "penalizer_coef",
             customers, patterns, horizonDays = "horizon_days", gammaGamma = "gamma_gamma", converged
    }

    /// Fits BG/NBD (and Gamma-Gamma) on a transaction feature table's `frequency`, `recency`, `T`
    /// and `monetary_value` columns.
    public static func fit(_ table: FeatureTable, horizonDays: Int, penalizerCoef: Double = 0) throws -> (model: BuyTillYouDieModel, fit: BGNBDFit) {
        let (frequency, recency, T) = try columns(of: table)
        let fit = try BGNBDFitter(penalizerCoef: penalizerCoef).fit(frequency: frequency, recency: recency, T: T)
        var spend: GammaGammaParameters? = nil
        if let monetary = table.column(TransactionFeature.monetaryValue.name),
           zip(frequency, monetary).contains(where: { $0 > 0 && $1 > 0 }) {
            let gammaGamma = try GammaGammaFitter(penalizerCoef: penalizerCoef).fit(frequency: frequency, monetaryValue: monetary)
            if gammaGamma.parameters.isValid { spend = gammaGamma.parameters }
        }
        let model = BuyTillYouDieModel(parameters: fit.parameters, standardErrors: fit.standardErrors, logLikelihood: fit.logLikelihood,
                                       penalizerCoef: penalizerCoef, customers: fit.customers, patterns: fit.patterns,
                                       horizonDays: horizonDays, gammaGamma: spend, converged: fit.optimization.converged)
        return (model, fit)
    }

    static func columns(of table: FeatureTable) throws -> ([Double], [Double], [Double]) {
        let names = [TransactionFeature.frequency, .recency, .T].map(\.name)
        let values = try names.map { name -> [Double] in
            guard let column = table.column(name) else { throw FeatureError.missing(name, in: table) }
            return column
        }
        return (values[0], values[1], values[2])
    }

    /// Per row of a transaction feature table: P(alive), expected purchases and P(no purchase)
    /// over `horizonDays` (default: the model's).
    public func predictions(for table: FeatureTable, horizonDays: Double? = nil) throws -> BGNBDPredictions {
        let (frequency, recency, T) = try Self.columns(of: table)
        return try BGNBDPredictions(parameters: parameters, frequency: frequency, recency: recency, T: T,
                                    horizonDays: horizonDays ?? Double(self.horizonDays))
    }

    /// The table with the `bgnbd_*` columns appended (computed from this fit).
    public func addingColumns(to table: FeatureTable) throws -> FeatureTable {
        let predictions = try predictions(for: table)
        return table.appendingColumns(Self.columns, [predictions.probabilityAlive, predictions.expectedPurchases])
    }

    /// When `inputs` use the `bgnbd_*` columns: fits BG/NBD on `table` (the training rows, and
    /// only those) and returns the table with the columns added and the fit to store.
    public static func augmentForTraining(_ table: FeatureTable, inputs: [ModelInput], horizonDays: Int?) throws -> (FeatureTable, BuyTillYouDieModel?) {
        guard inputs.contains(where: { columns.contains($0.column) }), !columns.allSatisfy(table.columnNames.contains) else { return (table, nil) }
        guard let horizonDays else {
            throw FeatureError.invalidOption("the inputs \(columns.joined(separator: ", ")) need a transaction log (BG/NBD is fitted on frequency, recency and T)")
        }
        let (model, _) = try fit(table, horizonDays: horizonDays)
        return (try model.addingColumns(to: table), model)
    }

    /// "last purchase 240 days ago after 5 purchases in 300 days (P(alive) 0.31)".
    public static func reason(frequency: Double, recency: Double, T: Double, probabilityAlive: Double) -> String {
        let since = NumberText.format(T - recency)
        if frequency == 0 {
            return "one purchase, \(since) days ago (P(alive) 1: no repeat purchase yet)"
        }
        return "last purchase \(since) days ago after \(NumberText.format(frequency + 1)) purchases in \(NumberText.format(T)) days (P(alive) \(NumberText.fixed(probabilityAlive, 2)))"
    }
}

extension BuyTillYouDieModel {
    /// Per row: the Gamma-Gamma expected spend per purchase and the discounted lifetime value
    /// (``LifetimeValueForecast``). Throws when the model has no spend model.
    public func lifetimeValues(for table: FeatureTable, forecast: LifetimeValueForecast) throws -> (expectedSpend: [Double], value: [Double]) {
        guard let monetary = table.column(TransactionFeature.monetaryValue.name) else {
            throw FeatureError.missing(TransactionFeature.monetaryValue.name, in: table)
        }
        guard let spend = gammaGamma else {
            throw FeatureError.invalidOption("this model has no Gamma-Gamma spend model (no repeat buyer with a positive monetary_value in training)")
        }
        let (frequency, recency, T) = try Self.columns(of: table)
        var perPurchase = [Double](repeating: 0, count: table.rowCount), value = perPurchase
        for i in 0..<table.rowCount {
            perPurchase[i] = spend.expectedAverageSpend(frequency: frequency[i], monetaryValue: monetary[i])
            value[i] = perPurchase[i] * forecast.discountedPurchases(parameters, frequency: frequency[i], recency: recency[i], T: T[i])
        }
        return (perPurchase, value)
    }
}
