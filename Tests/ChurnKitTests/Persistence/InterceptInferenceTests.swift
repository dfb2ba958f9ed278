import Foundation
import Testing
@testable import ChurnKit

/// The intercept's z, p and 95% interval are stored in the model (the command line only formats
/// them); files written before they were load with them absent.
struct InterceptInferenceTests {
    @Test func aFitStoresTheInterceptsInference() throws {
        let model = ChurnModelFileTests.trained
        let b = model.intercept
        let se = try #require(b.standardError)
        #expect(b.zValue == b.standardized / se)
        #expect(b.pValue == erfc(abs(b.standardized / se) / 2.0.squareRoot()))
        #expect(b.lower95 == b.standardized - CoefficientInference.normalQuantile975 * se)
        #expect(b.upper95 == b.standardized + CoefficientInference.normalQuantile975 * se)
        let text = try model.jsonText()
        let decoded = try ChurnModel.decode(Data(text.utf8), file: "model.json")
        #expect(decoded.intercept == b)
    }

    @Test(arguments: ["models/cdnow.json", "models/telco.json"])
    func committedModelsLoadWithoutIt(_ path: String) throws {
        let model = try ChurnModel.load(path: TestFiles.bundled(path))
        #expect(model.intercept.standardError != nil)
        #expect(model.intercept.zValue == nil && model.intercept.pValue == nil)
        #expect(model.intercept.lower95 == nil && model.intercept.upper95 == nil)
    }

    @Test func noInferenceWithAnL1Penalty() throws {
        var recipe = ChurnModelFileTests.recipe
        recipe.settings.l1Ratio = 0.5
        let model = try recipe.fit(recipe.loadData()).model
        #expect(model.intercept.standardError == nil && model.intercept.zValue == nil && model.intercept.pValue == nil)
    }
}
