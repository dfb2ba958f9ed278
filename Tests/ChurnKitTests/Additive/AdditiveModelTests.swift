import Foundation
import Testing
@testable import ChurnKit

/// A seeded table with known shapes: a step at x0 = 60 (+1.5), a U in x1 (x1²), a binary x2,
/// noise x3, and x4 that matters only through the planted pair 2·(x2 = 1)·(x4 > 0.5).
enum PlantedData {
    static let names = ["step", "bowl", "plan", "noise", "minutes"]

    static func make(rows n: Int = 6000, seed: UInt64 = 7) -> (x: DenseMatrix, y: [Double]) {
        var generator = SeededGenerator(seed: seed)
        func uniform() -> Double { Double(generator.next() >> 11) / Double(1 << 53) }
        var values: [Double] = [], labels: [Double] = []
        for _ in 0..<n {
            let step = (uniform() * 100).rounded(), bowl = uniform() * 4 - 2, plan = uniform() < 0.4 ? 1.0 : 0.0
            let noise = uniform(), minutes = uniform()
            let logit = -1.5 + (step > 60 ? 1.5 : 0) + bowl * bowl - 1.3 + 0.5 * plan + 2 * plan * (minutes > 0.5 ? 1 : 0)
            values += [step, bowl, plan, noise, minutes]
            labels.append(uniform() < LogisticLoss.sigmoid(logit) ? 1 : 0)
        }
        return (DenseMatrix(rows: n, columns: 5, values: values), labels)
    }

    /// The data as a labelled CSV table in a scratch folder.
    static func csv() -> String {
        let (x, y) = make(rows: 3000)
        var text = "churn," + names.joined(separator: ",") + "\n"
        for i in 0..<x.rows {
            text += (y[i] == 1 ? "Yes" : "No") + "," + (0..<5).map { NumberText.format(x[i, $0]) }.joined(separator: ",") + "\n"
        }
        return TestFiles.write(text, name: "planted.csv")
    }
}

struct AdditiveModelTests {
    static let data = PlantedData.make()
    static let pairsFit: FittedAdditiveModel = try! AdditiveTrainer.fit(
        data.x, inputNames: PlantedData.names, labels: data.y,
        settings: AdditiveSettings(kind: .additivePairs, maxBins: 32, roughness: 10, pairs: 1))

    /// Contribution of input `j`'s main effect at value `v`.
    func shape(_ model: AdditiveModel, _ j: Int, _ v: Double) -> Double {
        let term = model.terms.first { $0.inputIndices == [j] }!
        return term.contributions[term.binnings[0].bin(v)]
    }

    @Test func recoversKnownShapes() throws {
        let fit = try AdditiveTrainer.fit(Self.data.x, inputNames: PlantedData.names, labels: Self.data.y,
                                          settings: AdditiveSettings(kind: .additive, maxBins: 32, roughness: 10))
        let model = fit.model
        // The step: flat on either side, +1.5 across 60.
        let jump = shape(model, 0, 85) - shape(model, 0, 30)
        #expect(abs(jump - 1.5) < 0.4, "step of \(jump)")
        #expect(abs(shape(model, 0, 10) - shape(model, 0, 45)) < 0.3)
        // The bowl: x² rises by ~3.5 from the middle to the rims, on both sides.
        #expect(shape(model, 1, -1.9) - shape(model, 1, 0) > 2.5)
        #expect(shape(model, 1, 1.9) - shape(model, 1, 0) > 2.5)
        // Noise stays near zero everywhere.
        let noise = model.terms.first { $0.inputIndices == [3] }!
        #expect(noise.meanAbsoluteContribution < 0.1, "noise importance \(noise.meanAbsoluteContribution)")
        #expect(model.rankedTerms.first.map { model.terms[$0].name } == "bowl")
    }

    @Test func detectsThePlantedInteraction() {
        expectPlantedPair(Self.pairsFit)
    }

    @Test func purifiedSurfacesAndCentredShapes() {
        expectPurifiedAndCentred(Self.pairsFit.model)
    }

    @Test func purificationKeepsEveryPrediction() {
        var model = Self.pairsFit.model
        // Scramble the tables (a non-purified model), then purify: the logits must not move.
        var generator = SeededGenerator(seed: 3)
        for t in model.terms.indices {
            for k in model.terms[t].contributions.indices { model.terms[t].contributions[k] = Double(generator.next() % 1000) / 250 - 2 }
        }
        let before = model.logits(Self.data.x)
        let layout = AdditiveTrainer.Layout(Self.data.x, names: PlantedData.names, maxBins: 32, pairBins: 8, weights: nil)
        var fineToCoarse: [Int: [[Int]]] = [:], mainOfInput: [Int: Int] = [:]
        for t in model.terms.indices {
            if model.terms[t].isInteraction { fineToCoarse[t] = model.terms[t].inputIndices.map { layout.fineToCoarse[$0] } }
            else { mainOfInput[model.terms[t].inputIndices[0]] = t }
        }
        Purification.purify(&model, fineToCoarse: fineToCoarse, mainOfInput: mainOfInput)
        let after = model.logits(Self.data.x)
        for i in before.indices { #expect(isClose(before[i], after[i], absolute: 1e-9, relative: 1e-9)) }
    }

    @Test func gradientAndHessianMatchFiniteDifferences() {
        let x = DenseMatrix(rows: 200, columns: 5, values: Array(Self.data.x.values.prefix(1000)))
        let y = Array(Self.data.y.prefix(200))
        let layout = AdditiveTrainer.Layout(x, names: PlantedData.names, maxBins: 6, pairBins: 3, weights: nil)
        let pair = layout.pairTerms([InteractionDetection.ScoredPair(first: 2, second: 4, gain: 1)][...])
        let terms = layout.mainTerms + pair
        let cells = TermCells(design: x, terms: terms)
        // Main effects with their bin centres (divided differences), the pair evenly spaced.
        let penalty = RoughnessPenalty(cells: cells, shapes: layout.mainShapes + pair.map { TermShape(bins: $0.binnings.map(\.binCount)) },
                                       roughness: [Double](repeating: 3, count: terms.count), ridge: [Double](repeating: 0.5, count: terms.count))
        let weights = (0..<200).map { 0.5 + Double($0 % 3) }
        let objective = AdditiveObjective(cells: cells, labels: y, sampleWeights: weights, C: 0.7, penalty: penalty)
        let q = objective.parameterCount
        let theta = (0..<q).map { sin(Double($0)) * 0.3 }
        var gradient: [Double] = [], hessian: [Double] = []
        _ = objective.valueGradientHessian(at: theta, gradient: &gradient, hessian: &hessian)
        let h = 1e-5
        for j in stride(from: 0, to: q, by: 3) {
            var plus = theta, minus = theta
            plus[j] += h
            minus[j] -= h
            let numeric = (objective.value(at: plus) - objective.value(at: minus)) / (2 * h)
            #expect(isClose(numeric, gradient[j], absolute: 1e-6, relative: 1e-5), "gradient \(j): \(numeric) vs \(gradient[j])")
            var gPlus: [Double] = [], gMinus: [Double] = []
            _ = objective.valueAndGradient(at: plus, gradient: &gPlus)
            _ = objective.valueAndGradient(at: minus, gradient: &gMinus)
            for k in stride(from: 0, to: q, by: 5) {
                let second = (gPlus[k] - gMinus[k]) / (2 * h)
                #expect(isClose(second, hessian[k * q + j], absolute: 1e-5, relative: 1e-4), "hessian \(k),\(j)")
            }
        }
        var product: [Double] = []
        let v = (0..<q).map { cos(Double($0)) }
        objective.hessianVectorProduct(at: theta, v, result: &product)
        for k in 0..<q {
            let expected = (0..<q).map { hessian[k * q + $0] * v[$0] }.reduce(0, +)
            #expect(isClose(product[k], expected, absolute: 1e-8, relative: 1e-8))
        }
    }

    @Test func binningHandlesTiesMissingAndFewValues() {
        let binary = InputBinning.fit([0, 1, 1, 0, 1], maxBins: 32)
        #expect(binary.edges == [0])
        #expect(binary.bin(0) == 1 && binary.bin(1) == 2 && binary.bin(.nan) == 0)
        let many = InputBinning.fit((0..<1000).map(Double.init), maxBins: 10)
        #expect(many.binCount == 11)
        #expect(many.rangeText(1) == "≤ 99" && many.rangeText(2) == "100–199" && many.rangeText(10) == "≥ 900")
        let constant = InputBinning.fit([3, 3, 3], maxBins: 8)
        #expect(constant.edges.isEmpty)
        let (coarse, map) = many.coarsened(rows: [0] + [Double](repeating: 100, count: 10), maxBins: 4)
        #expect(coarse.edges.allSatisfy { many.edges.contains($0) } && coarse.binCount <= 6)
        #expect(map[0] == 0 && map.count == 11)
    }

    @Test func modelFileScoringReasonsAndDeterminism() throws {
        let path = PlantedData.csv()
        var settings = AdditiveSettings(kind: .additivePairs, maxBins: 16, roughness: 10, pairs: 1)
        settings.seed = 0
        let recipe = TrainingRecipe(source: .table(path: path, columns: TableColumns(label: "churn", positiveLabel: "Yes")),
                                    modelName: "planted", additive: settings)
        let data = try recipe.loadData()
        let model = try recipe.fit(data).model
        #expect(model.formatVersion == 2 && model.modelType == "additive_logistic_regression")
        let (_, scored, text) = try expectRoundTripAndReasonsSumToLogit(model, table: data.table, path: path)
        #expect(text.contains("\"format_version\" : 2"))
        #expect(scored.allSatisfy { $0.reasons.allSatisfy { $0.contribution > 0 && $0.condition != nil } })
        let reason = scored.first { $0.reasons.contains { $0.condition!.contains(" × ") } }?.reasons.first { $0.condition!.contains(" × ") }
        #expect(reason?.text.hasPrefix("plan") == true, "pair reason \(String(describing: reason?.text))")

        // Determinism: the same data and seed give the same model, bit for bit.
        var again = try recipe.fit(data).model
        again.createdAt = model.createdAt
        again.trainingReport.seconds = model.trainingReport.seconds
        #expect(again == model)
    }

    @Test func innerCrossValidationChoosesFromTheGrid() throws {
        var settings = AdditiveSettings(kind: .additivePairs)
        settings.binGrid = [8, 16]
        settings.roughnessGrid = [10, 1000]
        settings.pairGrid = [0, 1]
        let (x, y) = PlantedData.make(rows: 3000)
        let fit = try AdditiveTrainer.fit(x, inputNames: PlantedData.names, labels: y, settings: settings)
        let selection = try #require(fit.model.selection)
        // 2 bins × 2 roughness, each bin budget's best with a roughness per term, then one pair count per ridge and grid.
        #expect(selection.count == 4 + 2 + 1 * settings.pairRidgeGrid.count * settings.pairBinGrid.count)
        #expect(selection.filter { $0.roughnessPerTerm == true && $0.pairs == 0 }.map(\.maxBins).sorted() == [8, 16])
        // The planted pair is real: keeping it must win on held-out rows.
        #expect(fit.model.settings.pairs == 1)
    }

    /// Weights that leave nothing to fit are refused as the linear fit refuses them, not fitted to a
    /// NaN model (all weights zero crashed scoring before the additive fit checked them).
    @Test func degenerateWeightsAreRefusedAsForTheLinearModel() throws {
        let (x, y) = PlantedData.make(rows: 200)
        var settings = AdditiveSettings(kind: .additivePairs, maxBins: 8, roughness: 10, pairs: 0)
        settings.roughnessPerTerm = false
        for weights in [[Double](repeating: 0, count: y.count), y.map { $0 == 1 ? 0 : 1 }, [-1] + [Double](repeating: 1, count: y.count - 1)] {
            #expect(throws: TrainingError.self) {
                _ = try AdditiveTrainer.fit(x, inputNames: PlantedData.names, labels: y, sampleWeights: weights, settings: settings)
            }
        }
    }

    /// Two rows cannot be split for the inner cross-validation: the error says what to fix instead
    /// of "use at most 2 folds" (no fold count was asked for); fixed settings still fit.
    @Test func tooFewRowsForTheInnerCrossValidationSaysWhatToFix() throws {
        let x = DenseMatrix(rows: 2, columns: 1, values: [1, 2])
        do {
            _ = try AdditiveTrainer.fit(x, inputNames: ["x"], labels: [1, 0], settings: AdditiveSettings(kind: .additivePairs))
            Issue.record("expected an error")
        } catch let error as TrainingError {
            #expect(error.description.contains("2 rows cannot be split 3 ways") && error.description.contains("fix maxBins, roughness and pairs"), "\(error)")
        }
        var fixed = AdditiveSettings(kind: .additivePairs, maxBins: 8, roughness: 10, pairs: 0)
        fixed.roughnessPerTerm = false
        #expect(try AdditiveTrainer.fit(x, inputNames: ["x"], labels: [1, 0], settings: fixed).model.terms.count == 1)
    }

    @Test func versionOneFilesStillLoadAndScoreAsLinear() throws {
        let model = try ChurnModel.load(path: TestFiles.bundled("models/telco.json"))
        #expect(model.formatVersion == 1 && model.terms == nil)
        let recipe = TrainingRecipe(source: .table(path: TestFiles.telco, columns: TableColumns(label: "churn", positiveLabel: "Yes")))
        let table = try recipe.featureTable(for: model).table
        let design = try model.designMatrix(from: table, file: TestFiles.telco)
        let logits = model.linearPredictors(design)
        let scored = try RiskScorer(model: model).score(table, expectedSpend: nil, file: TestFiles.telco)
        for i in 0..<table.rowCount { #expect(scored[i].logit.bitPattern == logits[i].bitPattern) }
        #expect(scored.allSatisfy { $0.reasons.allSatisfy { $0.condition == nil } })
        // Writing it back keeps version 1 and no terms section.
        #expect(!(try model.jsonText()).contains("\"terms\""))
    }
}
