import Testing
@testable import ChurnKit

/// Models trained in-process for the scoring tests.
enum ScoringFixtures {
    /// CDNOW, cut-off 1997-09-30, 273-day horizon; identity and log1p inputs.
    static let cdnowModel: ChurnModel = {
        let recipe = TrainingRecipe(
            source: .transactionLog(path: TestFiles.cdnow), schedule: .cutoff(CalendarDay(parsing: "1997-09-30")!),
            horizonDays: 273,
            inputs: ["frequency", "recency", "T", "days_since_last", "overdue_ratio", "log1p(monetary_total)", "purchases_90d"]
                .map { ModelInput(parsing: $0)! },
            modelName: "cdnow-test")
        return try! recipe.fit(try! recipe.loadData()).model
    }()

    /// The bundled telco table with a `customer` id column added; trained with it as the id.
    static let telco: (model: ChurnModel, path: String) = {
        let lines = TestFiles.read(TestFiles.telco).split(separator: "\n", omittingEmptySubsequences: true)
        var text = "customer," + lines[0] + "\n"
        for (i, line) in lines.dropFirst().enumerated() { text += "c\(i + 1)," + line + "\n" }
        let path = TestFiles.write(text, name: "telco.csv")
        let recipe = TrainingRecipe(source: .table(path: path, columns: TableColumns(label: "churn", positiveLabel: "Yes", id: "customer")), modelName: "telco-test")
        return (try! recipe.fit(try! recipe.loadData()).model, path)
    }()

    static func customer(_ id: String, _ p: Double, spend: Double? = nil, row: Int = 0) -> ScoredCustomer {
        ScoredCustomer(customerID: id, row: row, churnProbability: p, logit: log(p / (1 - p)), reasons: [], expectedSpend: spend)
    }
}

#if canImport(Glibc)
import Glibc
#endif
