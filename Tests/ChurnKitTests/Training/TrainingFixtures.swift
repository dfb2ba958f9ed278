import Testing
@testable import ChurnKit

/// Small seeded problems for the objective and trainer tests.
enum TrainingFixtures {
    /// n rows, p standardized-ish features with correlated columns, labels from a true model.
    static func problem(rows n: Int = 600, features p: Int = 4, seed: UInt64 = 7) -> (x: DenseMatrix, y: [Double], w: [Double]) {
        var generator = SeededGenerator(seed: seed)
        func uniform() -> Double { Double(generator.next() >> 11) / Double(1 << 53) }
        func normal() -> Double { (-2 * log(max(uniform(), 1e-300))).squareRoot() * cos(2 * .pi * uniform()) }
        var values = [Double](repeating: 0, count: n * p)
        var labels = [Double](repeating: 0, count: n)
        var weights = [Double](repeating: 0, count: n)
        let truth = (0..<p).map { j in Double(j % 3) - 0.8 }
        for i in 0..<n {
            let shared = normal()
            var z = 0.3
            for j in 0..<p {
                let value = 0.5 * shared + normal() * (1 + Double(j) * 0.5)
                values[i * p + j] = value
                z += truth[j] * value / (1 + Double(j) * 0.5)
            }
            labels[i] = uniform() < LogisticLoss.sigmoid(z) ? 1 : 0
            weights[i] = 0.5 + 1.5 * uniform()
        }
        return (DenseMatrix(rows: n, columns: p, values: values), labels, weights)
    }

    /// The CDNOW four-feature design (standardized) and labels at cut-off 1997-09-30, horizon 273.
    static let cdnow: (x: DenseMatrix, y: [Double], standardizer: Standardizer) = {
        let result = try! TransactionFeatureBuilder().build(path: TestFiles.cdnow, cutoff: CalendarDay(parsing: "1997-09-30"), horizonDays: 273)
        let raw = try! ModelInput.designMatrix(TransactionFeature.lifetimesColumns.map { ModelInput(column: $0.name) }, from: result.table)
        let standardizer = Standardizer.fit(raw)
        return (standardizer.transform(raw), result.table.labels!, standardizer)
    }()
}

#if canImport(Glibc)
import Glibc
#endif
