extension TransactionFeature {
    /// A one-line definition, written into model files.
    public var definition: String {
        switch self {
        case .frequency: return "distinct purchase days after the first, on or before the cut-off (lifetimes)"
        case .recency: return "days from the first to the last purchase day (lifetimes)"
        case .T: return "days from the first purchase to the cut-off (lifetimes)"
        case .monetaryValue: return "mean spend per repeat purchase day, first day excluded; 0 when frequency = 0 (lifetimes)"
        case .daysSinceLast: return "T - recency"
        case .transactionCount: return "transaction rows on or before the cut-off"
        case .monetaryTotal: return "total spend on or before the cut-off"
        case .meanGapDays: return "recency / frequency; 0 when frequency = 0"
        case .overdueRatio: return "days_since_last / mean_gap_days, or / reference_gap_days for one-time buyers"
        case .purchases30d: return "distinct purchase days in (cutoff - 30, cutoff]"
        case .spend30d: return "spend in (cutoff - 30, cutoff]"
        case .purchases90d: return "distinct purchase days in (cutoff - 90, cutoff]"
        case .spend90d: return "spend in (cutoff - 90, cutoff]"
        case .purchases180d: return "distinct purchase days in (cutoff - 180, cutoff]"
        case .spend180d: return "spend in (cutoff - 180, cutoff]"
        case .spendTrend90d: return "(a - b) / (|a| + |b|), a = spend in the last 90 days, b = in the 90 before; 0 when both are 0"
        }
    }
}
