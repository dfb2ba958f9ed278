/// The rows of one block: `rows × columns` of X (row-major), their labels and scaled weights.
struct RowBlock {
    let x: UnsafePointer<Double>
    let y: UnsafePointer<Double>
    let w: UnsafePointer<Double>
    let rows: Int
    let columns: Int
}
