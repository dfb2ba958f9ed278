import Foundation
import Testing
@testable import ChurnKit

/// The roughness per term and axis (generalized Fellner–Schall): the traces it is built from
/// against dense matrices, what it does to a noise input and to a curved one, and the model file.
struct TermRoughnessTests {
    /// A small layout with every kind of chain: main effects with divided differences and a pair.
    static func layout() -> (cells: TermCells, shapes: [TermShape], mainCount: Int) {
        let (x, _) = PlantedData.make(rows: 400)
        let layout = AdditiveTrainer.Layout(x, names: PlantedData.names, maxBins: 8, pairBins: 5, weights: nil)
        let pair = layout.pairTerms([InteractionDetection.ScoredPair(first: 1, second: 4, gain: 1)][...])
        let cells = TermCells(design: x, terms: layout.mainTerms + pair)
        return (cells, layout.mainShapes + pair.map { TermShape(bins: $0.binnings.map(\.binCount)) }, layout.mainTerms.count)
    }

    /// The dense penalty Hessian of `penalty` (q × q, the intercept last and unpenalized).
    static func dense(_ penalty: RoughnessPenalty, q: Int) -> [Double] {
        var m = [Double](repeating: 0, count: q * q)
        m.withUnsafeMutableBufferPointer { penalty.addHessian($0.baseAddress!, q: q) }
        return m
    }

    @Test func componentSumsMatchDenseMatrices() throws {
        let (cells, shapes, mainCount) = Self.layout()
        let q = cells.tableParameterCount + 1
        // Distinct strengths per term and axis, so a component mixed up with another shows.
        let strengths = shapes.indices.map { t in shapes[t].bins.indices.map { 0.5 + Double(t) + 3 * Double($0) } }
        let ridges = shapes.indices.map { $0 < mainCount ? 0.25 : 2.0 }
        let penalty = RoughnessPenalty(cells: cells, shapes: shapes, strengths: strengths, ridge: ridges)
        // Every main effect with ≥ 3 ordered bins and both axes of the pair are components.
        #expect(penalty.components.contains(RoughnessPenalty.Component(term: shapes.count - 1, axis: 0)))
        #expect(penalty.components.contains(RoughnessPenalty.Component(term: shapes.count - 1, axis: 1)))

        var generator = SeededGenerator(seed: 11)
        func uniform() -> Double { Double(generator.next() >> 11) / Double(1 << 53) - 0.5 }
        let theta = (0..<q).map { _ in uniform() }
        var symmetric = [Double](repeating: 0, count: q * q)
        for i in 0..<q { for j in 0...i { let v = uniform(); symmetric[i * q + j] = v; symmetric[j * q + i] = v } }

        // P⁻¹ over the table parameters (the intercept's row is left out: it is unpenalized).
        let tables = q - 1
        let full = Self.dense(penalty, q: q)
        var inverse = (0..<tables).flatMap { i in (0..<tables).map { full[i * q + $0] } }
        #expect(inverse.withUnsafeMutableBufferPointer { BLAS.invertSymmetricPositiveDefinite(n: tables, $0.baseAddress!) })

        let squares = theta.withUnsafeBufferPointer { penalty.componentSquares($0.baseAddress!) }
        let traces = symmetric.withUnsafeBufferPointer { penalty.componentTraces($0.baseAddress!, q: q) }
        let penaltyTraces = try #require(penalty.penaltyInverseTraces(cells: cells))
        for (c, component) in penalty.components.enumerated() {
            // S_c: this component alone at unit strength, no ridge.
            var unit = shapes.indices.map { t in [Double](repeating: 0, count: shapes[t].bins.count) }
            unit[component.term][component.axis] = 1
            let single = RoughnessPenalty(cells: cells, shapes: shapes, strengths: unit, ridge: ridges.map { _ in 0 })
            let s = Self.dense(single, q: q)
            var quadratic = 0.0, trace = 0.0, inverseTrace = 0.0
            for i in 0..<q {
                for j in 0..<q {
                    quadratic += theta[i] * s[i * q + j] * theta[j]
                    trace += symmetric[i * q + j] * s[j * q + i]
                    if i < tables && j < tables { inverseTrace += inverse[i * tables + j] * s[j * q + i] }
                }
            }
            #expect(quadratic > 0 && isClose(squares[c], quadratic, absolute: 1e-12, relative: 1e-10), "θᵀS θ of \(component)")
            #expect(isClose(traces[c], trace, absolute: 1e-12, relative: 1e-10), "tr(M S) of \(component)")
            #expect(inverseTrace > 0 && isClose(penaltyTraces[c], inverseTrace, absolute: 1e-10, relative: 1e-8), "tr(P⁻¹S) of \(component)")
        }
        // Without a ridge a difference block is singular (a line is free): no traces.
        let ridgeless = RoughnessPenalty(cells: cells, shapes: shapes, strengths: strengths, ridge: ridges.map { _ in 0 })
        #expect(ridgeless.penaltyInverseTraces(cells: cells) == nil)
    }

    /// The update smooths a pure-noise input to a line, the bowl (x²) to a gentle curve and the
    /// step least of all, below the shared start; the bowl keeps its rims; the fit is deterministic.
    @Test func noiseIsSmoothedHarderThanACurvedShape() throws {
        let data = PlantedData.make(rows: 6000, seed: 5)
        var settings = AdditiveSettings(kind: .additive, maxBins: 32, roughness: 10)
        settings.roughnessPerTerm = true
        let fit = try AdditiveTrainer.fit(data.x, inputNames: PlantedData.names, labels: data.y, settings: settings)
        let model = fit.model
        #expect(model.settings.roughnessPerTerm == true)
        func lambda(_ name: String) throws -> Double { try #require(model.terms.first { $0.name == name }?.roughness?.first) }
        let noise = try lambda("noise"), bowl = try lambda("bowl"), step = try lambda("step")
        let stored = model.terms.compactMap(\.roughness).flatMap { $0 }
        #expect(stored.count == model.terms.count && stored.allSatisfy { (1e-2...1e8).contains($0) }, "λ \(stored)")
        #expect(noise > 100 * bowl, "noise λ \(noise), bowl λ \(bowl)")
        // The step at 60 needs a sharp bend, the bowl a gentle one everywhere: the step is smoothed least.
        #expect(step < bowl, "step λ \(step), bowl λ \(bowl)")
        let bowlTerm = model.terms.first { $0.name == "bowl" }!
        let rims = bowlTerm.contributions[bowlTerm.binnings[0].bin(1.9)] - bowlTerm.contributions[bowlTerm.binnings[0].bin(0)]
        #expect(rims > 2.5, "bowl rim \(rims)")

        let again = try AdditiveTrainer.fit(data.x, inputNames: PlantedData.names, labels: data.y, settings: settings).model
        #expect(again.terms == model.terms && again.intercept.bitPattern == model.intercept.bitPattern)

        // Monotone shapes are fitted under constraints: asking for both is refused, not ignored.
        var constrained = settings
        constrained.monotone = ["step": .increasing]
        #expect(throws: ParameterError.self) { try constrained.validate() }

        // Off: every term shares λ and none is stored.
        settings.roughnessPerTerm = false
        let shared = try AdditiveTrainer.fit(data.x, inputNames: PlantedData.names, labels: data.y, settings: settings).model
        #expect(shared.settings.roughnessPerTerm != true && shared.terms.allSatisfy { $0.roughness == nil })
    }

    /// A pair gets a λ per axis; the file keeps every λ, and a file written before them loads.
    @Test func pairsAxesAndTheModelFile() throws {
        let path = PlantedData.csv()
        var settings = AdditiveSettings(kind: .additivePairs, maxBins: 16, roughness: 10, pairs: 1)
        settings.roughnessPerTerm = true
        let recipe = TrainingRecipe(source: .table(path: path, columns: TableColumns(label: "churn", positiveLabel: "Yes")),
                                    modelName: "planted", additive: settings)
        let data = try recipe.loadData()
        let model = try recipe.fit(data).model
        let terms = try #require(model.terms)
        let pair = try #require(terms.terms.first { $0.isInteraction })
        #expect(pair.roughness?.count == 2)
        let (_, _, text) = try expectRoundTripAndReasonsSumToLogit(model, table: data.table, path: path)
        #expect(text.contains("\"roughness_per_term\" : true") && text.contains("\"roughness\" : ["))
        let ranked = terms.explanationText()
        #expect(ranked.contains("\(pair.name) (roughness λ ") && ranked.contains(" × "), "\(ranked)")

        // The same file without the λ (as written before they existed) loads, with none.
        let older = text.replacingOccurrences(of: #",\s*"roughness" : \[[^\]]*\]"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #",\s*"roughness_per_term" : true"#, with: "", options: .regularExpression)
        #expect(!older.contains("\"roughness\" : [") && !older.contains("roughness_per_term"))
        let file = TestFiles.temporaryFolder() + "/older.json"
        try older.write(toFile: file, atomically: true, encoding: .utf8)
        let loaded = try ChurnModel.load(path: file)
        #expect(loaded.terms?.terms.allSatisfy { $0.roughness == nil } == true)
        #expect(loaded.terms?.settings.roughnessPerTerm == nil)
    }

    /// With λ estimated per axis, the chosen pairs are refitted on finer grids (the estimate, not
    /// the grid, decides how smooth they are); with one λ for all they keep the grids they were chosen on.
    @Test func pairGridsAreRefinedWhenTheirRoughnessIsEstimated() throws {
        let data = PlantedData.make(rows: 3000)
        var settings = AdditiveSettings(kind: .additivePairs, maxBins: 32, roughness: 10, pairs: 1)
        settings.roughnessPerTerm = true
        let refined = try AdditiveTrainer.fit(data.x, inputNames: PlantedData.names, labels: data.y, settings: settings).model
        let pair = try #require(refined.terms.first { $0.isInteraction })
        #expect(refined.settings.pairBins == 32)
        // minutes (uniform) gets 32 ordered bins and the missing one; plan keeps its two values.
        #expect(pair.inputNames == ["plan", "minutes"] && pair.binnings.map(\.binCount) == [3, 33], "\(pair.binnings.map(\.binCount))")
        expectPurifiedAndCentred(refined)

        // A refit (a report's cross-validation) ranks on the grids the pairs were chosen on, refines to the model's, and gets the same model.
        let refit = AdditiveSettings(refitting: refined, seed: settings.seed)
        #expect(refit.pairBins == 8 && refit.pairBinsPerTerm == 32 && refit.roughnessPerTerm == true)
        var again = try AdditiveTrainer.fit(data.x, inputNames: PlantedData.names, labels: data.y, settings: refit).model
        again.selection = refined.selection
        #expect(again == refined)

        settings.pairBinsPerTerm = 16
        let sixteen = try AdditiveTrainer.fit(data.x, inputNames: PlantedData.names, labels: data.y, settings: settings).model
        #expect(sixteen.settings.pairBins == 16 && sixteen.terms.first { $0.isInteraction }?.binnings[1].binCount == 17)

        settings.roughnessPerTerm = false
        let shared = try AdditiveTrainer.fit(data.x, inputNames: PlantedData.names, labels: data.y, settings: settings).model
        #expect(shared.settings.pairBins == 8 && shared.terms.first { $0.isInteraction }?.binnings[1].binCount == 9)
    }

    /// The grids are halved while the fit would exceed the most parameters the per-term estimate takes.
    @Test func refinedGridsStayWithinTheParameterLimit() {
        let (x, _) = PlantedData.make(rows: 3000)
        let layout = AdditiveTrainer.Layout(x, names: PlantedData.names, maxBins: 64, pairBins: 8, weights: nil)
        let pairs = [(0, 1), (1, 4), (0, 4)].map { InteractionDetection.ScoredPair(first: $0.0, second: $0.1, gain: 1) }
        let settings = AdditiveSettings(kind: .additivePairs)
        // One 33 × 33 grid fits beside the main effects; three (3,267 cells) do not, three 17 × 17 do.
        #expect(AdditiveTrainer.refinedPairBins(layout, pairs: pairs.prefix(1), settings: settings) == 32)
        #expect(AdditiveTrainer.refinedPairBins(layout, pairs: pairs[...], settings: settings) == 16)
        // Never below the grids the pairs were chosen on.
        var coarse = settings
        coarse.pairBinsPerTerm = 4
        #expect(AdditiveTrainer.refinedPairBins(layout, pairs: pairs[...], settings: coarse) == 8)
    }

    /// The ridge is stated for 8 × 8 grids; a finer grid's cells share it, so a surface costs the same.
    @Test func pairCellRidgeScalesWithTheGrid() {
        var settings = AdditiveSettings(kind: .additivePairs)
        settings.pairRidge = 10
        #expect(settings.pairCellRidge == 10)
        settings.pairBins = 32
        #expect(settings.pairCellRidge == 10.0 / 16)
        settings.pairBins = 16
        #expect(settings.pairCellRidge == 2.5)
    }
}
