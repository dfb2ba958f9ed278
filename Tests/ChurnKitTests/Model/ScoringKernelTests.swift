import Foundation
import Testing
@testable import ChurnKit

/// The one scoring kernel: the logit is the intercept plus the contributions in term order, the
/// matrix path is the row path to the bit, and every model kind (linear, additive) goes through it.
struct ScoringKernelTests {
    /// Three inputs on different scales, one through log1p, with a standardizer that is not the identity.
    static let linear = LinearPredictor(transforms: [.identity, .log1p, .identity],
                                        standardizer: Standardizer(means: [2.5, 1.1, -40], standardDeviations: [1.5, 0.7, 12]),
                                        coefficients: [0.8, -1.3, 0.05], intercept: -0.4)

    /// 200 rows of transformed inputs, deterministic and irregular.
    static let design: DenseMatrix = {
        var generator = SeededGenerator(seed: 7)
        let values = (0..<600).map { k in Double(generator.next() % 10_000) / 997 * (k % 3 == 2 ? -13 : 1) }
        return DenseMatrix(rows: 200, columns: 3, values: values)
    }()

    @Test func theLogitIsTheInterceptPlusTheContributionsInOrder() {
        let kernel = Self.linear
        var contributions = [Double](repeating: 0, count: 3)
        for i in 0..<Self.design.rows {
            let row = Array(Self.design.values[(i * 3)..<(i * 3 + 3)])
            let z = row.withUnsafeBufferPointer { x in
                contributions.withUnsafeMutableBufferPointer { kernel.contributions(x.baseAddress!, into: $0.baseAddress!) }
            }
            for j in 0..<3 {
                // The documented formula, multiply then divide.
                #expect(contributions[j] == kernel.coefficients[j] * (row[j] - kernel.standardizer.means[j]) / kernel.standardizer.standardDeviations[j])
            }
            #expect(z == kernel.intercept + contributions[0] + contributions[1] + contributions[2])
            #expect(kernel.logit(row) == z)
        }
    }

    @Test func matrixAndRowPathsAgreeBitForBit() {
        let kernel = Self.linear
        let logits = kernel.logits(Self.design)
        let contributions = kernel.contributions(Self.design)
        #expect(contributions.rows == Self.design.rows && contributions.columns == 3)
        for i in 0..<Self.design.rows {
            let row = Array(Self.design.values[(i * 3)..<(i * 3 + 3)])
            #expect(logits[i].bitPattern == kernel.logit(row).bitPattern)
            var single = [Double](repeating: 0, count: 3)
            _ = row.withUnsafeBufferPointer { x in single.withUnsafeMutableBufferPointer { kernel.contributions(x.baseAddress!, into: $0.baseAddress!) } }
            #expect(Array(contributions.values[(i * 3)..<(i * 3 + 3)]).map(\.bitPattern) == single.map(\.bitPattern))
        }
    }

    @Test func rawInputsGoThroughTheTransforms() {
        let kernel = Self.linear
        let raw = [3.0, 42.0, -7.0]
        #expect(kernel.logit(rawInputs: raw) == kernel.logit([3.0, log1p(42.0), -7.0]))
        // Negative values keep their sign through log1p (refunds).
        #expect(kernel.transformed(1, raw: -42) == -log1p(42.0))
    }

    @Test func theOriginalScaleGivesTheSameLogit() {
        let kernel = LinearPredictor(standardizer: Self.linear.standardizer, coefficients: Self.linear.coefficients, intercept: Self.linear.intercept)
        let (beta, b) = kernel.originalScale
        for i in 0..<20 {
            let row = Array(Self.design.values[(i * 3)..<(i * 3 + 3)])
            let original = b + zip(beta, row).map { $0 * $1 }.reduce(0, +)
            #expect(isClose(original, kernel.logit(row), absolute: 1e-12, relative: 1e-12))
        }
    }

    /// A main effect and an interaction, with a missing value: the kernel's contribution is the
    /// table entry of the row's cell, and the logit the intercept plus the lookups.
    @Test func additiveTermsGoThroughTheSameKernel() {
        let first = InputBinning(edges: [1, 2], integerValued: false)     // bins: missing, ≤1, (1,2], >2
        let second = InputBinning(edges: [0], integerValued: true)        // bins: missing, ≤0, >0
        let main = AdditiveTerm(inputIndices: [0], inputNames: ["a"], binnings: [first], contributions: [0.5, -1, 0.25, 2])
        let pair = AdditiveTerm(inputIndices: [0, 1], inputNames: ["a", "b"], binnings: [first, second],
                                contributions: (0..<12).map { Double($0) / 8 - 0.7 })
        let model = AdditiveModel(kind: .additivePairs, intercept: 0.3, terms: [main, pair],
                                  settings: .init(maxBins: 3, pairBins: 3, roughness: 1, pairRoughness: 1, ridge: 0.1, pairRidge: 10, pairs: 1, C: 1))
        let rows: [[Double]] = [[0.5, 0], [1.5, 1], [3, -2], [.nan, 1], [2, .nan]]
        let design = DenseMatrix(rows: rows.count, columns: 2, values: rows.flatMap { $0 })
        let logits = model.logits(design)
        let contributions = model.contributions(design)
        for (i, row) in rows.enumerated() {
            let a = first.bin(row[0]), b = second.bin(row[1])
            let expected = [main.contributions[a], pair.contributions[a * 3 + b]]
            #expect(Array(contributions.values[(i * 2)..<(i * 2 + 2)]) == expected)
            #expect(logits[i] == 0.3 + expected[0] + expected[1])
            #expect(logits[i].bitPattern == model.logit(row).bitPattern)
        }
    }

    /// The model file, the fit and the scorer all use the kernel: the same logits to the bit.
    @Test func theModelTheFitAndTheScorerShareTheKernel() throws {
        let model = ScoringFixtures.cdnowModel
        let scorer = RiskScorer(model: model)
        let input = try scorer.input(from: .transactionLog(path: TestFiles.cdnow), asOf: CalendarDay(parsing: "1998-03-31")!)
        let design = try model.designMatrix(from: input.table, file: TestFiles.cdnow)
        let logits = model.linearPredictors(design)
        #expect(logits.map(\.bitPattern) == model.linearPredictor.logits(design).map(\.bitPattern))
        #expect(logits.map(\.bitPattern) == (model.scoringKernel.logits(design)).map(\.bitPattern))
        let scored = try scorer.score(input, file: TestFiles.cdnow)
        #expect(scored.map(\.logit.bitPattern) == logits.map(\.bitPattern))
        let contributions = model.contributions(design)
        let p = design.columns
        for (i, customer) in scored.prefix(300).enumerated() {
            for reason in customer.reasons {
                let j = model.inputs.firstIndex { $0.column == reason.column }!
                #expect(reason.contribution.bitPattern == contributions.values[i * p + j].bitPattern)
            }
        }
    }

    @Test func aFitsLinearPredictorIsItsKernel() throws {
        let a: [Double] = (0..<300).map { i in Double(i % 17) }
        let b: [Double] = (0..<300).map { i in Double((i * 7) % 11) * 3 }
        let columns = [a, b]
        let labels: [Double] = (0..<300).map { i in (i * 13 + i / 5) % 3 == 0 ? 1 : 0 }
        var values: [Double] = []
        for i in 0..<300 { values += [columns[0][i], columns[1][i]] }
        let x = DenseMatrix(rows: 300, columns: 2, values: values)
        let fit = try LogisticRegression.fit(x, inputNames: ["a", "b"], labels: labels, settings: LogisticRegressionSettings())
        let means = fit.standardizer.means, stds = fit.standardizer.standardDeviations, beta = fit.coefficients
        for i in 0..<300 {
            let row = [columns[0][i], columns[1][i]]
            var z = fit.intercept
            for j in 0..<2 { z += beta[j] * (row[j] - means[j]) / stds[j] }
            #expect(fit.linearPredictor(row) == z)
        }
    }
}
