/// Mini-batch SGD with momentum, a seeded shuffle each epoch, a learning-rate schedule and
/// growing batches.
///
/// The step for a batch is `v ← μ·v − η_t·ĝ/(C·Σw)`, `θ ← θ + v`, where ĝ is the batch gradient
/// scaled to the whole data set and η_t follows the schedule (η applies to the mean loss). With an
/// L1 term, θ is soft-thresholded after each step (truncated gradient), giving exact zeros. The
/// batch size is multiplied by `batchGrowth` after every epoch, up to the whole data set, so the
/// gradient noise shrinks geometrically and the iterates reach the optimum rather than hovering
/// around it (Friedlander & Schmidt, 2012). An iteration is one epoch; it stops when the objective
/// changes by less than tol (relative) over an epoch, or the full gradient is small.
struct StochasticGradientTrainer: Trainer {
    func minimize(_ objective: Objective, from start: [Double], settings: SolverSettings) -> OptimizationResult {
        let q = objective.parameterCount
        let n = objective.sampleCount
        let l1 = objective.l1Weights
        var generator = SeededGenerator(seed: settings.seed)
        var order = Array(0..<n)
        var theta = start
        var velocity = [Double](repeating: 0, count: q)
        var batchGradient = [Double](repeating: 0, count: q)
        var fullGradient = [Double](repeating: 0, count: q)
        var value = objective.fullValue(smooth: objective.valueAndGradient(at: theta, gradient: &fullGradient), at: theta)
        var history = [value]
        let threshold = settings.tolerance * objective.gradientScale
        let initialRate = settings.learningRate ?? 0.5
        var batchSize = Double(max(1, settings.batchSize))
        var epoch = 0
        var calmEpochs = 0

        func finish(_ converged: Bool, _ message: String) -> OptimizationResult {
            OptimizationResult(solver: .sgd, parameters: theta, objective: value,
                               gradientMaxNorm: VectorMath.optimality(theta, fullGradient, l1),
                               iterations: epoch, converged: converged, objectiveHistory: history, message: message)
        }

        while epoch < settings.maxIterations {
            let rate = settings.schedule.rate(initial: initialRate, epoch: epoch) / objective.gradientScale
            generator.shuffle(&order)  // our own Fisher–Yates: the same order on every Swift version
            let size = min(n, Int(batchSize))
            var start = 0
            while start < n {
                let end = min(n, start + size)
                objective.stochasticGradient(at: theta, rows: order[start..<end], gradient: &batchGradient)
                for j in 0..<q {
                    velocity[j] = settings.momentum * velocity[j] - rate * batchGradient[j]
                    theta[j] += velocity[j]
                }
                if let l1 {
                    for j in 0..<q where l1[j] > 0 { theta[j] = VectorMath.softThreshold(theta[j], rate * l1[j]) }
                }
                start = end
            }
            epoch += 1
            batchSize = min(Double(n), batchSize * max(1, settings.batchGrowth))
            let previous = value
            value = objective.fullValue(smooth: objective.valueAndGradient(at: theta, gradient: &fullGradient), at: theta)
            history.append(value)
            settings.progress?(epoch, value)
            if !value.isFinite { return finish(false, "diverged: the learning rate is too large") }
            if VectorMath.optimality(theta, fullGradient, l1) <= threshold { return finish(true, "converged: max |gradient| ≤ \(threshold)") }
            // Two calm epochs in a row, so one lucky epoch does not stop it early.
            calmEpochs = abs(previous - value) <= settings.tolerance * max(1, abs(value)) ? calmEpochs + 1 : 0
            if calmEpochs >= 2 { return finish(true, "converged: objective changed by ≤ tol (relative) for 2 epochs") }
        }
        return finish(false, "stopped after max_iter = \(settings.maxIterations) epochs")
    }
}
