/// A function to minimize, `F(θ) = f(θ) + Σⱼ λⱼ·|θⱼ|`, as the trainers see it.
///
/// `f` is smooth (value, gradient, Hessian-vector product, Hessian); the optional L1 part is
/// described by per-coordinate weights `λⱼ` that solvers able to handle the kink (OWL-QN,
/// proximal gradient) read. This is liblinear's `function` class and scikit-learn's split between
/// `_linear_loss.py` and its solvers: trainers never know which model they are fitting.
public protocol Objective: AnyObject {
    /// The length of θ.
    var parameterCount: Int { get }
    /// The number of data rows, for stochastic solvers.
    var sampleCount: Int { get }
    /// The size of the objective per unit of mean loss; gradient tolerances are relative to it
    /// (for the logistic objective, `C·Σwᵢ`), so `tol` means the same for 1k or 10M rows.
    var gradientScale: Double { get }
    /// `λⱼ` of the non-smooth part, or nil when there is none.
    var l1Weights: [Double]? { get }

    /// `f(θ)`.
    func value(at theta: [Double]) -> Double
    /// `f(θ)`, writing `∇f(θ)` into `gradient`.
    func valueAndGradient(at theta: [Double], gradient: inout [Double]) -> Double
    /// `f(θ)`, `∇f(θ)` and the Hessian `∇²f(θ)` (row-major, full), in one pass over the data.
    func valueGradientHessian(at theta: [Double], gradient: inout [Double], hessian: inout [Double]) -> Double
    /// `f(θ)` and `∇f(θ)` exactly, with a Hessian good enough to choose a Newton step but not for
    /// inference (an objective may form it in lower precision). Default: the exact Hessian.
    func valueGradientStepHessian(at theta: [Double], gradient: inout [Double], hessian: inout [Double]) -> Double
    /// `∇²f(θ)·v`.
    func hessianVectorProduct(at theta: [Double], _ v: [Double], result: inout [Double])
    /// An unbiased estimate of `∇f(θ)` from the rows listed (scaled up to the whole data set).
    func stochasticGradient(at theta: [Double], rows: ArraySlice<Int>, gradient: inout [Double])
}

extension Objective {
    public func valueGradientStepHessian(at theta: [Double], gradient: inout [Double], hessian: inout [Double]) -> Double {
        valueGradientHessian(at: theta, gradient: &gradient, hessian: &hessian)
    }

    /// `F(θ) = f(θ) + Σ λⱼ|θⱼ|`: what solvers report and compare.
    public func fullValue(smooth: Double, at theta: [Double]) -> Double {
        guard let weights = l1Weights else { return smooth }
        var penalty = 0.0
        for j in 0..<theta.count { penalty += weights[j] * abs(theta[j]) }
        return smooth + penalty
    }
}
