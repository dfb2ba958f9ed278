import Foundation
import Testing
@testable import ChurnKit

/// The SQL writer's text: quoting, literals, comments and the errors for what it cannot express.
/// (That the SQL computes `churn score`'s numbers is checked on the engines: Tests/Engines.)
struct SQLExporterTests {
    @Test func identifiersAreQuotedPerDialect() throws {
        #expect(try SQLDialect.duckdb.identifier("date") == "\"date\"")
        #expect(try SQLDialect.duckdb.identifier("cust\"o'mer") == "\"cust\"\"o'mer\"")
        #expect(try SQLDialect.spark.identifier("a`b\"c") == "`a``b\"c`")
        #expect(try SQLDialect.duckdb.tableName("sales.log") == "\"sales\".\"log\"")
        #expect(throws: SQLExportError.self) { try SQLDialect.duckdb.identifier("") }
        #expect(throws: SQLExportError.self) { try SQLDialect.duckdb.identifier("a\u{0}b") }
        #expect(throws: SQLExportError.self) { try SQLDialect.spark.identifier("x${user}") }
    }

    @Test func stringLiteralsAreEscapedPerDialect() throws {
        #expect(try SQLDialect.duckdb.string("it's \\ fine") == "'it''s \\ fine'")
        #expect(try SQLDialect.spark.string("it's \\ fine") == "'it\\'s \\\\ fine'")
    }

    @Test func doublesAreShortestRoundTripWithAnExponent() {
        for value in [0.1, -0.8575703566871813, 1e-300, 65.07243869478926, 3.0, -2.5e17, 0.0, -0.0, Double.leastNonzeroMagnitude] {
            let text = SQLDialect.duckdb.double(value)
            #expect(text.contains("e"), "\(text)")
            let bare = text.trimmingCharacters(in: CharacterSet(charactersIn: "()"))
            #expect(Double(bare) == value, "\(text) reads back as \(String(describing: Double(bare)))")
            #expect(value < 0 ? text.hasPrefix("(-") : !text.hasPrefix("("))
        }
    }

    @Test func commentsCannotBeEndedByANameWithALineBreak() {
        #expect(SQLScript.comment("a\nSELECT 1") == "-- a SELECT 1")
        #expect(SQLScript.comment("a\r\nb").split(separator: "\n").count == 1)
    }

    @Test func scoringScriptNamesTheModelAndEveryInput() throws {
        let model = ScoringFixtures.cdnowModel
        let columns = TransactionColumns(customer: "cust\"o'mer", date: "date", amount: "amount")
        let sql = try SQLExporter.scoringScript(model: model, dialect: .duckdb,
                                                options: SQLScoringOptions(table: "sales", asOf: .date(CalendarDay(parsing: "1998-06-30")!), columns: columns))
        #expect(sql.contains("-- model \(model.modelID)"))
        #expect(sql.contains("CAST(\"cust\"\"o'mer\" AS VARCHAR)"))
        #expect(sql.contains("DATE '1998-06-30'"))
        for input in model.inputs { #expect(sql.contains(input.name), "\(input.name)") }
        for coefficient in model.coefficients { #expect(sql.contains(SQLDialect.duckdb.double(coefficient.standardized))) }
        #expect(sql.hasSuffix(";\n"))
        let spark = try SQLExporter.scoringScript(model: model, dialect: .spark, options: SQLScoringOptions(table: "sales", columns: columns))
        #expect(spark.contains("CAST(`cust\"o'mer` AS STRING)"))
        #expect(spark.contains("SELECT MAX(day) AS cutoff_day FROM transactions"))
    }

    @Test func tableModelsNeedAnIDColumnAndEncodeEveryLevel() throws {
        var model = ScoringFixtures.telco.model
        let sql = try SQLExporter.scoringScript(model: model, dialect: .spark, options: SQLScoringOptions(table: "customers"))
        #expect(sql.contains("CAST(`customer` AS STRING) AS customer_id"))
        #expect(sql.contains("'Month-to-month'"))
        #expect(throws: SQLExportError.optionNotForModel(option: "asOf", model: model.modelID, modelInput: .table)) {
            try SQLExporter.scoringScript(model: model, dialect: .duckdb,
                                          options: SQLScoringOptions(table: "customers", asOf: .date(CalendarDay(parsing: "2020-01-01")!)))
        }
        model.featureSpec.table?.idColumn = nil
        #expect(throws: SQLExportError.missingIDColumn(model: model.modelID)) {
            try SQLExporter.scoringScript(model: model, dialect: .duckdb, options: SQLScoringOptions(table: "customers"))
        }
        let withID = try SQLExporter.scoringScript(model: model, dialect: .duckdb, options: SQLScoringOptions(table: "customers", idColumn: "row"))
        #expect(withID.contains("CAST(\"row\" AS VARCHAR) AS customer_id"))
    }

    @Test func unknownModelKindsAreATypedErrorNamingTheKind() throws {
        var model = ScoringFixtures.cdnowModel
        model.modelType = "gradient_boosting"
        #expect(throws: SQLExportError.unsupportedModelKind(kind: "gradient_boosting", dialect: .spark)) {
            try SQLExporter.scoringScript(model: model, dialect: .spark, options: SQLScoringOptions(table: "t"))
        }
        let message = "\(SQLExportError.unsupportedModelKind(kind: "gradient_boosting", dialect: .spark))"
        #expect(message.contains("gradient_boosting") && message.contains("spark"))
    }

    /// A BG/NBD model writes its closed forms with the model's own constants; a logistic model
    /// reading a BG/NBD input is refused by name (its expected purchases need a series).
    @Test func bgnbdModelsExportAndTheirInputsAreRefusedByName() throws {
        var model = ScoringFixtures.cdnowModel
        let parameters = BGNBDParameters(r: 0.2516239588569371, alpha: 33.52260073292921, a: 0.7234335768071732, b: 2.161088359348303)
        let bgnbd = BuyTillYouDieModel(parameters: parameters, standardErrors: nil, logLikelihood: -1, penalizerCoef: 0, customers: 10,
                                       patterns: 10, horizonDays: 273, gammaGamma: nil, converged: true)
        model.modelType = ChurnModel.bgnbdType
        model.bgnbd = bgnbd
        for dialect in [SQLDialect.duckdb, .spark] {
            let sql = try SQLExporter.scoringScript(model: model, dialect: dialect, options: SQLScoringOptions(table: "sales"))
            for value in [parameters.r, parameters.alpha, parameters.a, parameters.b, 273] { #expect(sql.contains(dialect.double(value)), "\(value)") }
            #expect(sql.contains("p_dead + \(try dialect.identifier("bgnbd_p_alive")) * quiet AS churn_probability"))
            #expect(sql.contains("' days ago (P(alive) 1: no repeat purchase yet)'"))
            #expect(sql.contains("ORDER BY rank;"))
        }
        // P(alive) as a logistic input: the same closed form, read by the inputs step.
        var withInput = ScoringFixtures.cdnowModel
        withInput.featureSpec.inputs[0].column = BuyTillYouDieModel.probabilityAliveColumn
        #expect(throws: SQLExportError.self) {
            try SQLExporter.scoringScript(model: withInput, dialect: .duckdb, options: SQLScoringOptions(table: "sales"))
        }
        withInput.bgnbd = bgnbd
        let sql = try SQLExporter.scoringScript(model: withInput, dialect: .duckdb, options: SQLScoringOptions(table: "sales"))
        #expect(sql.contains("CAST(\"bgnbd_p_alive\" AS DOUBLE) AS v1"))
        #expect(sql.contains("FROM bgnbd_alive"))
        // Expected purchases: refused by name.
        withInput.featureSpec.inputs[1].column = BuyTillYouDieModel.expectedPurchasesColumn
        do {
            _ = try SQLExporter.scoringScript(model: withInput, dialect: .duckdb, options: SQLScoringOptions(table: "sales"))
            Issue.record("expected purchases exported")
        } catch let error as SQLExportError {
            guard case let .unsupportedInput(input, _, reason) = error else { Issue.record("\(error)"); return }
            #expect(input == "bgnbd_expected_purchases")
            #expect(reason.contains("hypergeometric"))
        }
    }

    @Test func featuresScriptHasEveryColumnAndTheLabel() throws {
        let sql = try SQLExporter.featuresScript(dialect: .duckdb, table: "log", columns: TransactionColumns(),
                                                 cutoff: .date(CalendarDay(parsing: "1997-09-30")!), horizonDays: 273)
        for feature in TransactionFeature.allCases { #expect(sql.contains("AS \"\(feature.name)\""), "\(feature.name)") }
        #expect(sql.contains("AS is_churn"))
        #expect(sql.contains(">= -273"))
        let unlabelled = try SQLExporter.featuresScript(dialect: .spark, table: "log", columns: TransactionColumns(), cutoff: .latest, horizonDays: nil)
        #expect(!unlabelled.contains("is_churn"))
    }
}
