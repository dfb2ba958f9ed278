import ArgumentParser
import ChurnKit

/// Turns the library's ``ParameterError`` (in the library's words: `learning_rate`, `Cs`) into a
/// usage error naming the flag (`--learning-rate`), so every numeric option is checked by the one
/// range check of the library parameter it sets, before any work starts (exit 2).
enum OptionCheck {
    /// Library parameter → flag, where the flag is not just the parameter with `-` for `_`.
    static let flags: [String: String] = [
        "C": "--C", "Cs": "--search-C", "horizon_days": "--horizon", "calibration_bins": "--bins",
        "folds": "--cv", "active_window_days": "--active-window", "value_horizon_days": "--value-horizon",
        "every_days": "--every", "cutoffs": "--cutoffs/--every", "monotone_constraints": "--monotone",
    ]

    static func flag(for parameter: String) -> String {
        flags[parameter] ?? "--" + parameter.replacingOccurrences(of: "_", with: "-")
    }

    /// Library words in messages (errors, warnings) → the flags that set them. The library names
    /// its own parameters; the command line shows the flag a person types.
    static let terms: [(library: String, flag: String)] = [
        ("textColumns: ", "--text-columns "), ("negativeLabels: ", "--negative "), ("positiveLabel", "--positive"), ("decimalComma", "--decimal-comma"), ("the pattern as dateFormat", "the pattern with --date-format"), ("name it as idColumn", "name it with --id-column"), ("read it with delimiter: ", "read it with --delimiter "),
        ("leave it out of the model's features", "leave it out of --features"), ("with minLevelRows", "with --min-level-rows"),
        ("SnapshotSchedule.every", "--every"), ("fix maxBins, roughness and pairs", "give --max-bins, --roughness and --pairs"),
        ("fit the linear model instead of the additive one", "fit the linear model (--terms linear)"), ("CSVLimits.maxFieldBytes", "--max-field-bytes"),
        ("the BG/NBD comparison needs a labelled transaction log (a cut-off and horizonDays)",
         "--compare bgnbd needs a labelled transaction log (--cutoff, --horizon)"),
    ]

    /// `message` with the library's parameter names replaced by their flags.
    static func flagged(_ message: String) -> String {
        terms.reduce(message) { $0.replacingOccurrences(of: $1.library, with: $1.flag) }
    }

    /// The message for `error` with the flag's name.
    static func message(_ error: ParameterError) -> String {
        "\(flag(for: error.parameter)): \(error.value) is not allowed; allowed: \(error.allowed)"
    }

    /// Runs library checks; a ``ParameterError`` becomes a `ValidationError` naming the flag.
    static func validate(_ body: () throws -> Void) throws {
        do { try body() } catch let error as ParameterError { throw ValidationError(message(error)) }
    }
}
