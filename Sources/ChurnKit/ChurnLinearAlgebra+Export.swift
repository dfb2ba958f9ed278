/// ChurnKit's public API takes and returns ``DenseMatrix`` (design matrices in, contributions
/// out), so a user who writes `import ChurnKit` gets it without importing the lower target too.
/// Nothing else of ChurnLinearAlgebra is public: the BLAS wrappers are `package`.
@_exported import ChurnLinearAlgebra
