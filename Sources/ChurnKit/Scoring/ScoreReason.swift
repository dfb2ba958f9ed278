/// One reason a customer scores high: a model input and how far it pushes the logit up.
///
/// The contribution is `β̃ⱼ·(xⱼ − meanⱼ)/stdⱼ` (``ChurnModel/contributions(_:)``): the input's
/// share of the logit relative to an average customer, so the contributions of all inputs plus
/// the standardized intercept are the logit. `value` is the feature column's own value before any
/// transform, so a person reads `frequency=3`, not `log1p(frequency)=1.386`.
public struct ScoreReason: Sendable, Equatable {
    /// The feature column (for `log1p(frequency)`, `frequency`).
    public var column: String
    /// The column's value for this customer, untransformed.
    public var value: Double
    /// The signed contribution to the logit.
    public var contribution: Double
    /// A reason in words that replaces the `column=value (+c)` form (BG/NBD models).
    public var note: String?
    /// An additive model's term in words (`days_since_last 121–150`); nil for linear models.
    public var condition: String?

    /// A reason from its parts (see the properties).
    public init(column: String, value: Double, contribution: Double, note: String? = nil, condition: String? = nil) {
        self.column = column
        self.value = value
        self.contribution = contribution
        self.note = note
        self.condition = condition
    }

    /// `days_since_last=214 (+1.31)`: whole values without decimals, others with two; the
    /// contribution signed, two decimals.
    public var text: String {
        if let note { return note }
        var bytes: [UInt8] = []
        appendText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``text`` appended to `out` as UTF-8 (the risk-list writer's path: no `String` per reason).
    func appendText(to out: inout [UInt8]) {
        if let note {
            out.append(contentsOf: note.utf8)
            return
        }
        if let condition {
            out.append(contentsOf: condition.utf8)
            out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
        } else {
            out.append(contentsOf: column.utf8)
            out.append(UInt8(ascii: "="))
            if value == value.rounded() && abs(value) < 1e15 { NumberText.appendFormat(value, to: &out) } else { NumberText.appendFixed(value, 2, to: &out) }
            out.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: "(")])
        }
        if !(contribution < 0) { out.append(UInt8(ascii: "+")) }
        NumberText.appendFixed(contribution, 2, to: &out)
        if condition == nil { out.append(UInt8(ascii: ")")) }
    }
}
