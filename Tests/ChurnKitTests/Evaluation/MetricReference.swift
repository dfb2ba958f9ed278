import Foundation
@testable import ChurnKit

/// The scikit-learn values of Benchmarks/reference/metric_fixtures.py (output/metrics.json):
/// 200 rows, 58 churners, probabilities rounded to 2 decimals (79 distinct, many ties), weights.
struct MetricReference {
    let json: [String: Any]
    let labels: [Double]
    let probabilities: [Double]
    let weights: [Double]

    init() throws {
        json = try ReferenceOutput.load("metrics.json")
        let fixture = json["fixture"] as! [String: Any]
        labels = ReferenceOutput.numbers(fixture["y"])
        probabilities = ReferenceOutput.numbers(fixture["p"])
        weights = ReferenceOutput.numbers(fixture["w"])
    }

    func section(_ path: String...) -> [String: Any] {
        path.reduce(json) { $0[$1] as! [String: Any] }
    }

    func number(_ section: [String: Any], _ key: String) -> Double {
        ReferenceOutput.number(section[key]!)!
    }
}
