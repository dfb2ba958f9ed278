import Foundation
@testable import ChurnKit
import CFuzzerDriver

/// The model loader on arbitrary bytes: a file either fails with a typed error or loads, and a
/// loaded model can be written again and score a row of zeros.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let model = try? ChurnModel.decode(Data(bytes: data, count: size), file: "fuzz.json") else { return 0 }
    _ = try? model.jsonText()
    let inputs = model.featureSpec.inputs.count
    _ = model.churnProbabilities(DenseMatrix(rows: 1, columns: inputs, values: [Double](repeating: 0, count: inputs)))
    return 0
}

/// SwiftPM calls an executable's entry point `FuzzModel_main`; hand control to libFuzzer's driver.
@_cdecl("FuzzModel_main")
public func fuzzModelMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzModel(data!, size) }
}
