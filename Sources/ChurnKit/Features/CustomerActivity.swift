/// One customer's totals, decoded from a record of ``CustomerActivityAccumulator``.
struct CustomerActivity {
    var firstDay: Int32, lastDay: Int32
    var purchaseDays: Int32, purchaseDays30: Int32, purchaseDays90: Int32, purchaseDays180: Int32
    var transactionCount: Int32
    /// The first purchase day's spend and the other days' spend (compensated sums, resolved).
    var firstDaySpend: Double, repeatSpend: Double
    var totalSpend: Double { firstDaySpend + repeatSpend }
    var spend30: Double, spend90: Double, spend180: Double, spendPrevious90: Double
    var boughtInHoldout: Bool

    /// False for customers seen only after the cut-off.
    var isPresent: Bool { lastDay != Int32.min }

    init(_ r: UnsafePointer<Double>) {
        typealias F = CustomerActivityAccumulator.Field
        firstDay = Int32(r[F.firstDay]); lastDay = Int32(r[F.lastDay])
        purchaseDays = Int32(r[F.purchaseDays]); purchaseDays30 = Int32(r[F.purchaseDays30])
        purchaseDays90 = Int32(r[F.purchaseDays90]); purchaseDays180 = Int32(r[F.purchaseDays180])
        transactionCount = Int32(r[F.transactionCount])
        firstDaySpend = r[F.firstDaySpend] + r[F.firstDaySpendError]
        repeatSpend = r[F.repeatSpend] + r[F.repeatSpendError]
        spend30 = r[F.spend30]; spend90 = r[F.spend90]; spend180 = r[F.spend180]; spendPrevious90 = r[F.spendPrevious90]
        boughtInHoldout = CustomerActivityAccumulator.flags(r) & CustomerActivityAccumulator.boughtInHoldoutFlag != 0
    }
}
