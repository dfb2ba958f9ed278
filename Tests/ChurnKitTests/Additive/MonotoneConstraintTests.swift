import Foundation
import Testing
@testable import ChurnKit

/// A seeded table whose true shape in `trend` is an increasing line with jagged noise on top (so an
/// unconstrained fit wiggles), a bowl in `bowl`, and a pair `plan × trend > 50` that FAST would pick.
enum TrendData {
    static let names = ["trend", "bowl", "plan"]

    static func make(rows n: Int = 6000, seed: UInt64 = 11, sign: Double = 1) -> (x: DenseMatrix, y: [Double]) {
        var generator = SeededGenerator(seed: seed)
        func uniform() -> Double { Double(generator.next() >> 11) / Double(1 << 53) }
        let jag = (0...100).map { _ in uniform() * 1.2 - 0.6 }
        var values: [Double] = [], labels: [Double] = []
        for _ in 0..<n {
            let trend = (uniform() * 100).rounded(), bowl = uniform() * 4 - 2, plan = uniform() < 0.4 ? 1.0 : 0.0
            let logit = -2 + sign * (0.03 * trend + jag[Int(trend)]) + bowl * bowl - 1.3 + 1.5 * plan * (trend > 50 ? 1 : 0)
            values += [trend, bowl, plan]
            labels.append(uniform() < LogisticLoss.sigmoid(logit) ? 1 : 0)
        }
        return (DenseMatrix(rows: n, columns: 3, values: values), labels)
    }
}

struct MonotoneConstraintTests {
    static let data = TrendData.make()

    func fit(_ constraints: [String: MonotoneDirection], kind: TermsKind = .additive, pairs: Int? = nil,
             data: (x: DenseMatrix, y: [Double]) = Self.data) throws -> FittedAdditiveModel {
        var settings = AdditiveSettings(kind: kind, maxBins: 64, roughness: 1, pairs: pairs)
        settings.monotone = constraints
        return try AdditiveTrainer.fit(data.x, inputNames: TrendData.names, labels: data.y, settings: settings)
    }

    /// The ordered (non-missing) bins of input `j`'s main effect.
    func shape(_ model: AdditiveModel, _ j: Int) -> [Double] {
        Array(model.terms.first { $0.inputIndices == [j] }!.contributions.dropFirst())
    }

    /// Adjacent bin pairs where the shape goes against `increasing`.
    func violations(_ values: [Double], increasing: Bool) -> Int {
        (1..<values.count).filter { increasing ? values[$0] < values[$0 - 1] : values[$0] > values[$0 - 1] }.count
    }

    @Test func isotonicRegressionPoolsAdjacentViolators() {
        #expect(IsotonicRegression.fit([1, 3, 2, 4], weights: [1, 1, 1, 1], increasing: true) == [1, 2.5, 2.5, 4])
        // Weights pull the pooled value towards the heavier entry.
        #expect(IsotonicRegression.fit([1, 3, 2, 4], weights: [1, 1, 3, 1], increasing: true) == [1, 2.25, 2.25, 4])
        #expect(IsotonicRegression.fit([3, 1, 2], weights: [1, 1, 1], increasing: true) == [2, 2, 2])
        #expect(IsotonicRegression.fit([1, 3, 2, 0], weights: [1, 1, 1, 1], increasing: false) == [2, 2, 2, 0])
        let blocks = IsotonicRegression.blocks([5, 1, 1, 7], weights: [1, 1, 1, 1], increasing: true)
        #expect(blocks.map(\.start) == [0, 3] && blocks.map(\.end) == [3, 4])
        #expect(IsotonicRegression.isMonotone([1, 1, 2], increasing: true) && !IsotonicRegression.isMonotone([1, 1, 2], increasing: false))
    }

    @Test func constrainedShapeIsMonotoneOnEveryAdjacentBinPair() throws {
        let free = try fit([:]).model
        // The data are jagged: without the constraint the shape wiggles, so this test can fail.
        #expect(violations(shape(free, 0), increasing: true) >= 5, "unconstrained shape \(shape(free, 0))")
        let model = try fit(["trend": .increasing]).model
        let constrained = shape(model, 0)
        #expect(violations(constrained, increasing: true) == 0, "constrained shape \(constrained)")
        #expect(model.terms[0].monotone == .increasing && model.terms[1].monotone == nil)
        // Still the trend: about 3 logit units from bottom to top, as planted (plus the plan step).
        #expect(constrained.last! - constrained.first! > 2, "range \(constrained.first!)…\(constrained.last!)")
        // The bowl is refitted around it, not frozen: still a bowl.
        let bowl = model.terms[1]
        #expect(bowl.contributions[bowl.binnings[0].bin(-1.9)] - bowl.contributions[bowl.binnings[0].bin(0)] > 2.5)

        // Decreasing, on the mirrored data.
        let mirrored = TrendData.make(sign: -1)
        let down = try fit(["trend": .decreasing], data: mirrored).model
        #expect(violations(shape(down, 0), increasing: false) == 0, "decreasing shape \(shape(down, 0))")
        #expect(violations(shape(try fit([:], data: mirrored).model, 0), increasing: false) >= 5)
    }

    @Test func constraintCostsLittleAndTheFitStaysAnOptimum() throws {
        let free = try fit([:])
        let constrained = try fit(["trend": .increasing])
        #expect(constrained.report.converged)
        // Training log loss: the constrained fit is worse (it has less freedom) but not by much.
        func logLoss(_ model: AdditiveModel) -> Double {
            let (x, y) = Self.data
            var total = 0.0
            for i in 0..<x.rows {
                let p = x.values.withUnsafeBufferPointer { LogisticLoss.sigmoid(model.logit($0.baseAddress! + i * x.columns)) }
                total -= y[i] * log(p) + (1 - y[i]) * log(1 - p)
            }
            return total / Double(x.rows)
        }
        let (a, b) = (logLoss(free.model), logLoss(constrained.model))
        #expect(b >= a - 1e-4 && b - a < 0.02, "log loss \(a) → \(b)")
        // Projection alone (interpret's monotonize, others left as they were) is never better than the refit.
        var projected = free.model
        let term = projected.terms[0]
        let fitted = IsotonicRegression.fit(Array(term.contributions.dropFirst()), weights: Array(term.rows.dropFirst()), increasing: true)
        projected.terms[0].contributions = [term.contributions[0]] + fitted
        #expect(b <= logLoss(projected) + 1e-9, "refit \(b) vs projection only \(logLoss(projected))")
    }

    @Test func shapesThatAlreadyRespectTheConstraintAreUnchangedBitForBit() throws {
        // The bowl's right half alone is increasing; the plan indicator rises: constrain `plan` (two bins, already in order).
        let free = try fit([:]).model
        var constrained = try fit(["plan": .increasing]).model
        #expect(constrained.terms[2].monotone == .increasing)
        constrained.terms[2].monotone = nil
        #expect(constrained == free)
    }

    @Test func constrainedInputStaysOutOfPairsAndTheWholeLogitIsMonotone() throws {
        let free = try fit([:], kind: .additivePairs, pairs: 1).model
        #expect(free.terms.last!.isInteraction && free.terms.last!.inputIndices.contains(0), "FAST picks the planted trend × plan")
        let model = try fit(["trend": .increasing], kind: .additivePairs, pairs: 1).model
        for term in model.terms where term.isInteraction { #expect(!term.inputIndices.contains(0), "pair \(term.name)") }
        #expect(violations(shape(model, 0), increasing: true) == 0)
        // Along trend, for fixed other inputs, the logit never falls.
        for bowl in [-1.5, 0, 1.2] {
            for plan in [0.0, 1.0] {
                let logits = (0...100).map { t in [Double(t), bowl, plan].withUnsafeBufferPointer { model.logit($0.baseAddress!) } }
                #expect(violations(logits, increasing: true) == 0, "bowl \(bowl), plan \(plan)")
            }
        }
    }

    @Test func unknownInputIsAParameterError() throws {
        #expect(throws: ParameterError.self) { try fit(["tenure": .increasing]) }
        do { _ = try fit(["tenure": .increasing]) } catch let error as ParameterError {
            #expect(error.parameter == "monotone_constraints" && error.value == "tenure=+" && error.allowed.contains("trend"))
        }
    }

    @Test func categoricalColumnIsRefused() throws {
        let encoding = TableEncoding(labelColumn: "churn", positiveLabel: "Yes", idColumn: nil, sampleWeightColumn: nil,
                                     columns: [.categorical(name: "contract", levels: ["Month-to-month", "Two year"]),
                                               .numeric(name: "tenure", fill: 0, missingIndicator: false)])
        #expect(throws: ParameterError.self) { try TrainingRecipe.checkMonotone(["contract": .increasing], encoding: encoding) }
        #expect(throws: ParameterError.self) { try TrainingRecipe.checkMonotone(["contract=Two year": .decreasing], encoding: encoding) }
        try TrainingRecipe.checkMonotone(["tenure": .decreasing], encoding: encoding)
    }

    @Test func modelFileRoundTripAndReasons() throws {
        let (x, y) = TrendData.make(rows: 3000)
        var text = "churn," + TrendData.names.joined(separator: ",") + "\n"
        for i in 0..<x.rows {
            text += (y[i] == 1 ? "Yes" : "No") + "," + (0..<3).map { NumberText.format(x[i, $0]) }.joined(separator: ",") + "\n"
        }
        let path = TestFiles.write(text, name: "trend.csv")
        var settings = AdditiveSettings(kind: .additivePairs, maxBins: 32, roughness: 1, pairs: 1)
        settings.monotone = ["trend": .increasing]
        let recipe = TrainingRecipe(source: .table(path: path, columns: TableColumns(label: "churn", positiveLabel: "Yes")),
                                    modelName: "trend", additive: settings)
        let data = try recipe.loadData()
        let model = try recipe.fit(data).model
        let folder = TestFiles.temporaryFolder()
        try model.write(to: folder + "/model.json")
        let file = TestFiles.read(folder + "/model.json")
        #expect(file.contains("\"monotone\" : \"increasing\""))
        let loaded = try ChurnModel.load(path: folder + "/model.json")
        #expect(loaded == model)
        #expect(loaded.terms?.terms.first { $0.name == "trend" }?.monotone == .increasing)
        #expect(loaded.terms?.explanationText().contains("trend (monotone increasing)") == true)
        // A file without the key (written before constraints existed) loads as unconstrained.
        func strip(_ value: Any) -> Any {
            if let object = value as? [String: Any] { return object.filter { $0.key != "monotone" }.mapValues(strip) }
            if let array = value as? [Any] { return array.map(strip) }
            return value
        }
        let json = strip(try JSONSerialization.jsonObject(with: Data(file.utf8)))
        let old = String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self)
        #expect(!old.contains("monotone"))
        let oldPath = TestFiles.write(old, name: "old-model.json")
        let oldModel = try ChurnModel.load(path: oldPath)
        #expect(oldModel.terms?.terms.allSatisfy { $0.monotone == nil } == true)

        // Reasons still sum to the logit minus the intercept.
        let design = try loaded.designMatrix(from: data.table, file: path)
        let contributions = loaded.contributions(design)
        let logits = loaded.linearPredictors(design)
        for i in 0..<design.rows {
            let sum = (0..<contributions.columns).map { contributions[i, $0] }.reduce(0, +)
            #expect(isClose(sum, logits[i] - loaded.intercept.standardized, absolute: 1e-12, relative: 1e-12))
        }
    }

    @Test func tiedPenaltyIsTheFinePenaltyOfTheExpandedTables() {
        let (x, _) = TrendData.make(rows: 500)
        let terms = (0..<3).map { j in
            AdditiveTerm(inputIndices: [j], inputNames: [TrendData.names[j]],
                         binnings: [InputBinning.fit((0..<x.rows).map { x[$0, j] }, maxBins: 8)])
        }
        let fine = TermCells(design: x, terms: terms)
        // Uneven centres, so the tied chains carry divided-difference weights.
        let shapes = (0..<3).map { j in
            TermShape(bins: [terms[j].binnings[0].binCount],
                      centres: TermShape.centres(sorted: (0..<x.rows).map { x[$0, j] }.sorted(), binning: terms[j].binnings[0]).map { $0 * $0 })
        }
        let penalty = RoughnessPenalty(cells: fine, shapes: shapes, roughness: [3, 5, 0], ridge: [0.1, 0.2, 0.3])
        // Tie bins 2–4 and 6–7 of the first term.
        let count = fine.cellCounts[0]
        var map = Array(0..<count)
        for k in 0..<count { map[k] = k <= 1 ? k : k <= 4 ? 2 : k == 5 ? 3 : 4 + (k >= 8 ? k - 7 : 0) }
        let blocks = map.max()! + 1
        let pooled = fine.pooled(term: 0, map: map, count: blocks)
        let tied = penalty.tied(fine: fine, pooled: pooled, maps: [0: map])
        var generator = SeededGenerator(seed: 3)
        let theta = (0..<pooled.tableParameterCount).map { _ in Double(generator.next() % 1000) / 100 - 5 }
        let expanded = AdditiveTrainer.expand(theta + [0], pooled: pooled, fine: fine, maps: [0: map])
        var fineGradient = [Double](repeating: 0, count: fine.tableParameterCount)
        var tiedGradient = [Double](repeating: 0, count: pooled.tableParameterCount)
        let fineValue = expanded.withUnsafeBufferPointer { e in fineGradient.withUnsafeMutableBufferPointer { penalty.value(e.baseAddress!, gradient: $0.baseAddress!) } }
        let tiedValue = theta.withUnsafeBufferPointer { t in tiedGradient.withUnsafeMutableBufferPointer { tied.value(t.baseAddress!, gradient: $0.baseAddress!) } }
        #expect(isClose(fineValue, tiedValue, absolute: 1e-9, relative: 1e-12))
        // The tied gradient is the fine one summed over each block (the chain rule through the ties).
        #expect(count >= 9, "trend has \(count) cells")
        for p in 0..<blocks {
            let sum = (0..<count).filter { map[$0] == p }.map { fineGradient[$0] }.reduce(0, +)
            #expect(isClose(sum, tiedGradient[p], absolute: 1e-9, relative: 1e-12), "block \(p)")
        }
    }

    @Test func blocksSplitOnlyWhereTheObjectiveWouldFall() throws {
        let (x, _) = TrendData.make(rows: 200)
        let term = AdditiveTerm(inputIndices: [0], inputNames: ["trend"], binnings: [InputBinning(edges: [10, 20, 30], integerValued: true)])
        let cells = TermCells(design: x, terms: [term])
        // One block over bins 1…4 (bin 0 missing).
        var maps = [0: [0, 1, 1, 1, 1]]
        // Increasing: lowering bins 1–2 helps when their gradient sum is positive.
        #expect(AdditiveTrainer.splitBlocks(&maps, terms: [0], cells: cells, gradient: [0, 1, 2, -1, -2, 0], threshold: 0.5,
                                            directions: [0: .increasing]))
        #expect(maps[0] == [0, 1, 1, 2, 2])
        // The opposite gradient: no split helps an increasing shape.
        var tied = [0: [0, 1, 1, 1, 1]]
        #expect(!AdditiveTrainer.splitBlocks(&tied, terms: [0], cells: cells, gradient: [0, -1, -2, 1, 2, 0], threshold: 0.5,
                                             directions: [0: .increasing]))
        #expect(tied[0] == [0, 1, 1, 1, 1])
        // …but it does help a decreasing one.
        #expect(AdditiveTrainer.splitBlocks(&tied, terms: [0], cells: cells, gradient: [0, -1, -2, 1, 2, 0], threshold: 0.5,
                                            directions: [0: .decreasing]))
        #expect(tied[0] == [0, 1, 1, 2, 2])
    }
}
