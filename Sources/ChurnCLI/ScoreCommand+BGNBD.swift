import ArgumentParser
import ChurnKit

extension ScoreCommand {
    /// The `--with-clv` columns: Gamma-Gamma expected spend per purchase and lifetime value over
    /// `--clv-months` months discounted by `--discount-rate` a month (lifetimes' semantics).
    func lifetimeValueColumns(_ model: ChurnModel, table: FeatureTable) throws -> [(name: String, values: [Double])] {
        guard let part = model.bgnbd else {
            throw FeatureError.invalidOption("--with-clv needs a BG/NBD fit: train with --kind bgnbd, or a logistic model with bgnbd_p_alive or bgnbd_expected_purchases inputs")
        }
        guard clvMonths > 0, discountRate.isFinite, discountRate > -1 else {
            throw FeatureError.invalidOption("--clv-months must be positive and --discount-rate above -1")
        }
        let (spend, value) = try part.lifetimeValues(for: table, forecast: LifetimeValueForecast(months: clvMonths, discountRate: discountRate))
        return [("expected_spend", spend), ("clv", value)]
    }
}
