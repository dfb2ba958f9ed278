/// Makes an additive model's decomposition unique without changing a single prediction.
///
/// Each interaction surface loses its weighted row and column means (weights: training rows per
/// cell), which are added to the main effects of its two inputs — every fine bin of a main effect
/// lies inside one coarse bin of the grid, so the logit of every possible input is unchanged.
/// Sweeping rows then columns repeats until the means vanish (Lengerich et al., "Purifying
/// interaction effects", AISTATS 2020). Then every main effect is centred (weighted mean 0 over
/// the training rows) and the intercept carries the means.
enum Purification {
    /// - Parameters:
    ///   - fineToCoarse: per pair term, per axis, the coarse bin of each fine bin of the main effect.
    ///   - mainOfInput: the index of each input's main-effect term.
    static func purify(_ model: inout AdditiveModel, fineToCoarse: [Int: [[Int]]], mainOfInput: [Int: Int],
                              tolerance: Double = 1e-12, maxSweeps: Int = 200) {
        for t in model.terms.indices where model.terms[t].isInteraction {
            guard let maps = fineToCoarse[t], let mainA = mainOfInput[model.terms[t].inputIndices[0]],
                  let mainB = mainOfInput[model.terms[t].inputIndices[1]] else { continue }
            let rowsA = model.terms[t].binnings[0].binCount, rowsB = model.terms[t].binnings[1].binCount
            let weights = model.terms[t].rows
            for _ in 0..<maxSweeps {
                var largest = 0.0
                for a in 0..<rowsA {
                    var mass = 0.0, total = 0.0
                    for b in 0..<rowsB { mass += weights[a * rowsB + b] * model.terms[t].contributions[a * rowsB + b]; total += weights[a * rowsB + b] }
                    guard total > 0 else { continue }
                    let mean = mass / total
                    largest = max(largest, abs(mean))
                    for b in 0..<rowsB { model.terms[t].contributions[a * rowsB + b] -= mean }
                    for (fine, coarse) in maps[0].enumerated() where coarse == a { model.terms[mainA].contributions[fine] += mean }
                }
                for b in 0..<rowsB {
                    var mass = 0.0, total = 0.0
                    for a in 0..<rowsA { mass += weights[a * rowsB + b] * model.terms[t].contributions[a * rowsB + b]; total += weights[a * rowsB + b] }
                    guard total > 0 else { continue }
                    let mean = mass / total
                    largest = max(largest, abs(mean))
                    for a in 0..<rowsA { model.terms[t].contributions[a * rowsB + b] -= mean }
                    for (fine, coarse) in maps[1].enumerated() where coarse == b { model.terms[mainB].contributions[fine] += mean }
                }
                if largest <= tolerance { break }
            }
        }
        centre(&model)
    }

    /// Weighted mean 0 for every term; the intercept takes the means.
    static func centre(_ model: inout AdditiveModel) {
        for t in model.terms.indices {
            let weights = model.terms[t].rows
            let total = weights.reduce(0, +)
            guard total > 0 else { continue }
            var mass = 0.0
            for k in weights.indices { mass += weights[k] * model.terms[t].contributions[k] }
            let mean = mass / total
            for k in weights.indices { model.terms[t].contributions[k] -= mean }
            model.intercept += mean
        }
    }
}
