import Foundation
import Testing
@testable import ChurnKit

/// Route (b): cyclic boosting of the same additive model (issue 12).
struct CyclicBoostingTests {
    /// Few bags and a larger learning rate keep the debug-build tests quick.
    static func settings(_ kind: TermsKind, pairs: Int? = nil, maxLeaves: Int = 3) -> AdditiveSettings {
        var settings = AdditiveSettings(kind: kind, maxBins: 32, pairs: pairs)
        settings.fitting = .cyclicBoosting
        settings.boosting.bags = 3
        settings.boosting.learningRate = 0.05
        settings.boosting.pairBins = 8
        settings.boosting.maxLeaves = maxLeaves
        return settings
    }

    static let data = PlantedData.make()
    static let pairsFit: FittedAdditiveModel = try! AdditiveTrainer.fit(data.x, inputNames: PlantedData.names, labels: data.y,
                                                                        settings: settings(.additivePairs, pairs: 1))

    func shape(_ model: AdditiveModel, _ j: Int, _ v: Double) -> Double {
        let term = model.terms.first { $0.inputIndices == [j] }!
        return term.contributions[term.binnings[0].bin(v)]
    }

    @Test(arguments: [3, 0]) func recoversKnownShapes(maxLeaves: Int) throws {
        let fit = try AdditiveTrainer.fit(Self.data.x, inputNames: PlantedData.names, labels: Self.data.y,
                                          settings: Self.settings(.additive, maxLeaves: maxLeaves))
        let model = fit.model
        #expect(model.settings.fitting == .cyclicBoosting)
        let jump = shape(model, 0, 85) - shape(model, 0, 30)
        #expect(abs(jump - 1.5) < 0.4, "step of \(jump)")
        #expect(abs(shape(model, 0, 10) - shape(model, 0, 45)) < 0.3)
        #expect(shape(model, 1, -1.9) - shape(model, 1, 0) > 2.3)
        #expect(shape(model, 1, 1.9) - shape(model, 1, 0) > 2.3)
        let noise = model.terms.first { $0.inputIndices == [3] }!
        // A step per bin follows the noise more than a 3-leaf tree does (measured: 0.12 against < 0.1).
        #expect(noise.meanAbsoluteContribution < (maxLeaves == 0 ? 0.15 : 0.1), "noise importance \(noise.meanAbsoluteContribution)")
        #expect(model.rankedTerms.first.map { model.terms[$0].name } == "bowl")
        // Early stopping ended every bag before the round limit.
        #expect(fit.report.converged && fit.report.iterations < Self.settings(.additive).boosting.maxRounds)
    }

    /// Roughness of input `j`'s shape over its ordered, non-missing bins: the sum of |first
    /// differences| (total variation, for a flat truth) or of |second differences| (for a curved one).
    func roughness(_ model: AdditiveModel, _ j: Int, order: Int) -> Double {
        var c = Array(model.terms.first { $0.inputIndices == [j] }!.contributions.dropFirst())
        for _ in 0..<order { c = (1..<c.count).map { c[$0] - c[$0 - 1] } }
        return c.map(abs).reduce(0, +)
    }

    /// interpret's smoothing rounds: random cuts first lay down a smooth shape, so the fitted
    /// shapes wiggle less from bin to bin than gain-driven trees alone leave them: the pure-noise
    /// input's total variation and the bowl's second differences are lower, and the bowl is kept.
    @Test func smoothingRoundsMakeShapesSmoother() throws {
        var settings = Self.settings(.additive)
        settings.maxBins = 64
        var rough = settings
        rough.boosting.smoothingRounds = 0
        let smooth = try AdditiveTrainer.fit(Self.data.x, inputNames: PlantedData.names, labels: Self.data.y, settings: settings).model
        let plain = try AdditiveTrainer.fit(Self.data.x, inputNames: PlantedData.names, labels: Self.data.y, settings: rough).model
        for (j, order) in [(3, 1), (1, 2)] {
            let with = roughness(smooth, j, order: order), without = roughness(plain, j, order: order)
            #expect(with < 0.8 * without, "\(PlantedData.names[j]): roughness \(with) with smoothing rounds, \(without) without")
        }
        #expect(shape(smooth, 1, -1.9) - shape(smooth, 1, 0) > 2.3 && shape(smooth, 1, 1.9) - shape(smooth, 1, 0) > 2.3)
        settings.boosting.smoothingRounds = -1
        #expect(throws: ParameterError.self) { try settings.validate() }
    }

    @Test func findsAndBoostsThePlantedPair() {
        expectPlantedPair(Self.pairsFit)
    }

    @Test func purifiedSurfacesAndCentredShapes() {
        expectPurifiedAndCentred(Self.pairsFit.model)
    }

    @Test func ranksAsWellAsTheNewtonRoute() {
        let newton = try! AdditiveTrainer.fit(Self.data.x, inputNames: PlantedData.names, labels: Self.data.y,
                                              settings: AdditiveSettings(kind: .additivePairs, maxBins: 32, roughness: 10, pairs: 1))
        let (x, y) = PlantedData.make(rows: 4000, seed: 11)
        func auc(_ model: AdditiveModel) -> Double {
            BinaryClassificationMetrics.compute(labels: y, probabilities: model.logits(x).map(LogisticLoss.sigmoid), weights: nil).rocAUC
        }
        let boosted = auc(Self.pairsFit.model), penalized = auc(newton.model)
        #expect(abs(boosted - penalized) < 0.01, "held-out AUC boosting \(boosted), newton \(penalized)")
    }

    @Test func modelFileReasonsAndDeterminism() throws {
        let path = PlantedData.csv()
        let recipe = TrainingRecipe(source: .table(path: path, columns: TableColumns(label: "churn", positiveLabel: "Yes")),
                                    modelName: "planted", additive: Self.settings(.additivePairs, pairs: 1))
        let data = try recipe.loadData()
        let model = try recipe.fit(data).model
        #expect(model.formatVersion == 2 && model.modelType == "additive_logistic_regression")
        let (_, _, text) = try expectRoundTripAndReasonsSumToLogit(model, table: data.table, path: path)
        #expect(text.contains("\"fitting\" : \"boosting\""))
        var again = try recipe.fit(data).model
        again.createdAt = model.createdAt
        again.trainingReport.seconds = model.trainingReport.seconds
        #expect(again == model)
        // Another seed draws other bags: another model.
        var reseeded = Self.settings(.additivePairs, pairs: 1)
        reseeded.seed = 1
        let other = try TrainingRecipe(source: recipe.source, modelName: "planted", additive: reseeded).fit(data).model
        #expect(other.terms != model.terms)
    }

    @Test func autoKeepsTheRouteWithTheLowerInnerLogLoss() throws {
        var settings = Self.settings(.additive)
        settings.fitting = nil
        settings.roughnessGrid = [10, 100]
        let (x, y) = PlantedData.make(rows: 3000)
        let fit = try AdditiveTrainer.fit(x, inputNames: PlantedData.names, labels: y, settings: settings)
        let selection = try #require(fit.model.selection)
        let boosted = try #require(selection.first { $0.fitting == .cyclicBoosting })
        let newton = try #require(selection.filter { $0.fitting == nil }.min { $0.logLoss < $1.logLoss })
        // Two roughness values, the better with a roughness per term, and boosting.
        #expect(selection.count == 4 && selection.contains { $0.roughnessPerTerm == true })
        #expect(fit.model.settings.fitting == (boosted.logLoss < newton.logLoss ? .cyclicBoosting : .penalizedNewton))
        // A fixed roughness exists only in route (a): auto then fits it without trying boosting.
        settings.roughness = 10
        let fixed = try AdditiveTrainer.fit(x, inputNames: PlantedData.names, labels: y, settings: settings)
        #expect(fixed.model.settings.fitting == .penalizedNewton && fixed.model.selection == nil)
    }

    @Test func refusesWhatBoostingDoesNotFit() {
        var settings = Self.settings(.additive)
        settings.roughness = 10
        #expect(throws: ParameterError.self) { try settings.validate() }
        settings.roughness = nil
        settings.monotone = ["step": .increasing]
        #expect(throws: ParameterError.self) { try settings.validate() }
        settings.monotone = [:]
        settings.roughnessPerTerm = true
        #expect(throws: ParameterError.self) { try settings.validate() }
        settings.roughnessPerTerm = false
        #expect(throws: Never.self) { try settings.validate() }
        settings.boosting.learningRate = 0
        #expect(throws: ParameterError.self) { try settings.validate() }
    }
}
