/// Read-only data pointers handed to the worker threads; each thread writes only its workspace.
struct SharedPointers: @unchecked Sendable {
    let x: UnsafePointer<Double>
    let y: UnsafePointer<Double>
    let w: UnsafePointer<Double>
}
