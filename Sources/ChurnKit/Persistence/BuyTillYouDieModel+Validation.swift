/// The checks a loaded model file's `bgnbd` part must pass, in Persistence with the error they
/// throw (``ModelFileError``), so BuyTillYouDie/ does not depend on the model file.
extension BuyTillYouDieModel {
    /// Throws ``ModelFileError/invalid(file:reason:)`` when the stored parameters cannot be used.
    func validate(file: String) throws {
        guard parameters.isValid else {
            throw ModelFileError.invalid(file: file, reason: "the bgnbd parameters must be positive finite numbers")
        }
        if let gammaGamma, !gammaGamma.isValid {
            throw ModelFileError.invalid(file: file, reason: "the gamma_gamma parameters must be positive finite numbers")
        }
        guard horizonDays > 0 else { throw ModelFileError.invalid(file: file, reason: "bgnbd.horizon_days must be positive") }
    }
}
