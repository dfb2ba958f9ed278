/// One term of an additive model: a lookup table over the bins of one input (a shape function)
/// or of two inputs (an interaction surface).
///
/// `contributions` is row-major over the bins: for a pair, the first input's bin is the slow
/// index, `contributions[a · bins₂ + b]`. `rows` holds the training weight in each bin (cell), so a
/// reader sees where a shape is data and where it is penalty. A term's contribution for a
/// customer is one table lookup; the model's logit is the intercept plus the sum over terms.
public struct AdditiveTerm: Codable, Sendable, Equatable {
    /// Indices into the model's inputs (one or two).
    public var inputIndices: [Int]
    /// The inputs' names, for people reading the file.
    public var inputNames: [String]
    /// One binning per input in `inputIndices`, learned on the training rows.
    public var binnings: [InputBinning]
    /// The table: the logit contribution of each cell, row-major over the bins.
    public var contributions: [Double]
    /// Training weight in each cell, so a reader sees where a shape rests on data.
    public var rows: [Double]
    /// The order a main effect was constrained to keep along its non-missing bins; nil: free.
    /// Absent from files written without constraints, which load as unconstrained.
    public var monotone: MonotoneDirection?
    /// The roughness λ this term was fitted with, per input (one for a main effect, two for a pair)
    /// when each term has its own (``AdditiveHyperParameters/roughnessPerTerm``); nil otherwise.
    public var roughness: [Double]?

    enum CodingKeys: String, CodingKey {
        case inputIndices = "input_indices", inputNames = "inputs", binnings = "bins", contributions, rows, monotone, roughness
    }

    /// A term over one or two inputs; empty `contributions` and `rows` are zero-filled to the cell count.
    public init(inputIndices: [Int], inputNames: [String], binnings: [InputBinning], contributions: [Double]? = nil, rows: [Double]? = nil) {
        precondition(inputIndices.count == binnings.count && inputNames.count == binnings.count, "one binning per input")
        self.inputIndices = inputIndices
        self.inputNames = inputNames
        self.binnings = binnings
        let cells = binnings.reduce(1) { $0 * $1.binCount }
        self.contributions = contributions ?? [Double](repeating: 0, count: cells)
        self.rows = rows ?? [Double](repeating: 0, count: cells)
    }

    /// Whether the term is a pairwise interaction surface rather than a shape over one input.
    public var isInteraction: Bool { inputIndices.count == 2 }
    /// Cells of the table: the product of the bin counts.
    public var cellCount: Int { binnings.reduce(1) { $0 * $1.binCount } }
    /// `days_since_last` or `service_calls × international_plan`.
    public var name: String { inputNames.joined(separator: " × ") }

    /// The cell of a row. `row`: the model inputs of one customer (after their transforms).
    @inline(__always)
    public func cell(_ row: UnsafePointer<Double>) -> Int {
        if inputIndices.count == 1 { return binnings[0].bin(row[inputIndices[0]]) }
        return binnings[0].bin(row[inputIndices[0]]) * binnings[1].binCount + binnings[1].bin(row[inputIndices[1]])
    }

    /// This term's share of the logit for one row.
    @inline(__always)
    public func contribution(_ row: UnsafePointer<Double>) -> Double { contributions[cell(row)] }

    /// The bins of a cell, one per input.
    public func bins(ofCell cell: Int) -> [Int] {
        inputIndices.count == 1 ? [cell] : [cell / binnings[1].binCount, cell % binnings[1].binCount]
    }

    /// A cell in words: `days_since_last 121–150`, `service_calls ≥ 4 × international_plan=yes`.
    public func cellText(_ cell: Int) -> String {
        zip(zip(inputNames, binnings), bins(ofCell: cell)).map { pair, bin in
            Self.conditionText(name: pair.0, binning: pair.1, bin: bin)
        }.joined(separator: " × ")
    }

    /// One input's condition: a one-hot column `contract=One year` reads `contract=One year` or
    /// `not contract=One year`; a 0/1 column `is_senior = 1`; other columns their range.
    static func conditionText(name: String, binning: InputBinning, bin: Int) -> String {
        if bin == 0 { return "\(name) missing" }
        if binning.edges == [0] && binning.integerValued {
            if name.contains("=") { return bin == 1 ? "not \(name)" : name }
        }
        let range = binning.rangeText(bin)
        if range.hasPrefix("≤") || range.hasPrefix("≥") || range.hasPrefix(">") { return "\(name) \(range)" }
        if range.hasPrefix("(") || range.contains("–") { return "\(name) \(range)" }
        return "\(name) = \(range)"
    }

    /// The weighted mean of |contribution| over the training rows: the term's importance.
    public var meanAbsoluteContribution: Double {
        let total = rows.reduce(0, +)
        guard total > 0 else { return 0 }
        var sum = 0.0
        for k in 0..<contributions.count { sum += rows[k] * abs(contributions[k]) }
        return sum / total
    }
}
