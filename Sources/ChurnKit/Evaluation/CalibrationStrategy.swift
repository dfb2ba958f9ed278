/// How to place the bin edges of a ``CalibrationTable``.
public enum CalibrationStrategy: String, Codable, Sendable, CaseIterable {
    /// Equal-width bins over [0, 1]: edges `k/b` (computed as numpy's `linspace`).
    case uniform
    /// Equal-count bins: edges at the 0, 1/b, …, 1 quantiles of the probabilities (numpy's
    /// `percentile` with linear interpolation, unweighted even when weights are given, as
    /// scikit-learn's `calibration_curve`). Repeated probabilities can make bins empty.
    case quantile
}
