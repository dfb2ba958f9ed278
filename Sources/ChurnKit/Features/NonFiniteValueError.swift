/// A number that came out infinite or NaN from finite input (a sum of 1e308s, a logit that
/// overflows): an error naming the customer and the column, never a silently wrong row or a trap.
public struct NonFiniteValueError: Error, CustomStringConvertible, Equatable {
    /// The input the value came from.
    public var file: String
    /// The customer whose row holds it.
    public var customer: String
    /// The column or quantity (a feature, an input, the logit).
    public var column: String
    /// The value itself: infinite or NaN.
    public var value: Double

    init(file: String, customer: String, column: String, value: Double) {
        self.file = file
        self.customer = customer
        self.column = column
        self.value = value
    }

    public var description: String {
        "\(file): customer \(customer): \(column) is \(value) (the amounts overflow a 64-bit float); check the amounts of this customer, or rescale them (e.g. to thousands)"
    }
}

extension NonFiniteValueError {
    /// Throws for the first infinite or NaN entry of a design matrix (rows × inputs).
    static func check(_ design: DenseMatrix, customers: [String], inputs: [String], file: String) throws {
        for i in 0..<design.rows {
            for j in 0..<design.columns where !design[i, j].isFinite {
                throw NonFiniteValueError(file: file, customer: customers[i], column: inputs[j], value: design[i, j])
            }
        }
    }
}

extension FeatureTable {
    /// Throws for the first infinite or NaN value among `columns` (nil: every column), row by row.
    public func checkFinite(file: String, columns: [String]? = nil) throws {
        let indices = columns.map { names in names.compactMap { columnNames.firstIndex(of: $0) } } ?? Array(0..<columnCount)
        let width = columnCount
        for i in 0..<rowCount {
            for j in indices where !values[i * width + j].isFinite {
                throw NonFiniteValueError(file: file, customer: customerIDs[i], column: columnNames[j], value: values[i * width + j])
            }
        }
    }
}
