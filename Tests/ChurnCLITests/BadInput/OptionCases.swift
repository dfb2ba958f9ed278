import Testing

/// Every numeric option is checked before any work: exit 2, naming the flag and the allowed range.
enum OptionCases {
    static let log: [String: BadInputFile] = ["log.csv": .text(BadInputFixture.log)]
    static let logAndModel: [String: BadInputFile] = ["log.csv": .text(BadInputFixture.log), "m.json": .copy("models/cdnow.json")]
    static let train = ["train", "log.csv", "--cutoff", "1997-08-31", "--horizon", "60"]
    static let evaluate = ["evaluate", "log.csv", "--cutoff", "1997-08-31", "--horizon", "60"]
    static let score = ["score", "--model", "m.json", "log.csv"]

    static func option(_ name: String, _ arguments: [String], files: [String: BadInputFile] = log, _ message: String) -> BadInputCase {
        BadInputCase(name: name, category: "numeric option", files: files, arguments: arguments, exitCode: 2, message: message)
    }

    static let all: [BadInputCase] = [
        option("--horizon Int.max (features)", ["features", "log.csv", "--horizon", "9223372036854775807"],
               "--horizon: 9223372036854775807 is not allowed; allowed: a whole number from 1 to 3652059"),
        option("--horizon Int.max (train)", ["train", "log.csv", "--horizon", "9223372036854775807"], "--horizon: 9223372036854775807"),
        option("--horizon 0", ["features", "log.csv", "--horizon", "0"], "--horizon: 0 is not allowed"),
        option("--learning-rate nan", train + ["--solver", "gradient-descent", "--learning-rate", "nan"], "--learning-rate: nan is not allowed; allowed: a finite number > 0"),
        option("--learning-rate 0", train + ["--solver", "sgd", "--learning-rate", "0"], "--learning-rate: 0 is not allowed"),
        option("--C 0", train + ["--C", "0"], "--C: 0 is not allowed; allowed: a finite number > 0"),
        option("--C inf", train + ["--C", "inf"], "--C: inf is not allowed"),
        option("--l1-ratio 1.5", train + ["--l1-ratio", "1.5"], "--l1-ratio: 1.5 is not allowed; allowed: a finite number ≥ 0 and ≤ 1"),
        option("--tol nan", train + ["--tol", "nan"], "--tol: nan is not allowed"),
        option("--max-iter 0", train + ["--max-iter", "0"], "--max-iter: 0 is not allowed; allowed: a whole number from 1 to 100000000"),
        option("--momentum 1", train + ["--solver", "sgd", "--momentum", "1"], "--momentum: 1 is not allowed; allowed: a number ≥ 0 and < 1"),
        option("--batch-size 0", train + ["--solver", "sgd", "--batch-size", "0"], "--batch-size: 0 is not allowed"),
        option("--every 0d", ["train", "log.csv", "--cutoff", "1997-08-31", "--horizon", "60", "--every", "0d"], "--every takes a number of days"),
        option("--every huge", ["train", "log.csv", "--cutoff", "1997-08-31", "--horizon", "60", "--every", "99999999999d"], "--every: 99999999999 is not allowed"),
        option("train --cv 1", train + ["--cv", "1"], "--cv: 1 is not allowed; allowed: a whole number from 2 to 10000"),
        option("evaluate --cv 100000", evaluate + ["--cv", "100000"], "--cv: 100000 is not allowed"),
        option("--bins 0", evaluate + ["--cv", "3", "--bins", "0"], "--bins: 0 is not allowed; allowed: a whole number from 1 to 1000"),
        option("--threshold 2", evaluate + ["--cv", "3", "--threshold", "2"], "--threshold: 2 is not allowed"),
        option("--threshold nan", evaluate + ["--cv", "3", "--threshold", "nan"], "--threshold: nan is not allowed"),
        option("empty --search-C grid", evaluate + ["--search-C", ""], "--search-C takes numbers"),
        option("--search-C of commas only", evaluate + ["--search-C", ",,"], "--search-C takes numbers"),
        option("--search-C nan", evaluate + ["--search-C", "1,nan"], "--search-C: nan is not allowed; allowed: a finite number > 0"),
        option("--search-C negative", evaluate + ["--search-C=-1"], "--search-C: -1 is not allowed"),
        option("--l1-ratios 2", evaluate + ["--search-C", "1", "--l1-ratios", "0,2"], "--l1-ratios: 2 is not allowed"),
        option("--active-window 0", ["metrics", "log.csv", "--active-window", "0"], "--active-window: 0 is not allowed"),
        option("--active-window huge", ["metrics", "log.csv", "--active-window", "99999999999"], "--active-window: 99999999999 is not allowed"),
        option("--margin nan", ["metrics", "log.csv", "--margin", "nan"], "--margin: nan is not allowed"),
        option("--discount-rate negative", ["metrics", "log.csv", "--discount-rate=-0.1"], "--discount-rate: -0.1 is not allowed"),
        option("--value-horizon huge", score + ["--value-horizon", "99999999"], files: logAndModel, "--value-horizon: 99999999 is not allowed"),
        option("--min-probability nan", score + ["--min-probability", "nan"], files: logAndModel, "--min-probability: NaN is not allowed; allowed: a probability in [0, 1]"),
        option("--bands medium above high", score + ["--bands", "0.3,0.7"], files: logAndModel, "--bands"),
        option("--top negative", score + ["--top=-1"], files: logAndModel, "--top must be ≥ 0"),
        option("--budget inf", score + ["--budget", "inf", "--contact-cost", "1", "--save-rate", "0.5"], files: logAndModel, "--budget: inf is not allowed; allowed: an amount ≥ 0"),
        option("--save-rate 2", score + ["--budget", "10", "--contact-cost", "1", "--save-rate", "2"], files: logAndModel, "--save-rate: 2 is not allowed; allowed: a share in [0, 1]"),
        option("--every 1d over 9999 years of dates", ["train", "log.csv", "--cutoff", "9999-12-01", "--every", "1d", "--horizon", "1"],
               files: ["log.csv": .text(DataLimitCases.extremeLog)], "--cutoffs/--every: 3652028 cut-offs is not allowed; allowed: at most 1000"),
        option("--cutoff with --cutoffs", train + ["--cutoffs", "1997-06-30,1997-07-31"], "use either --cutoff"),
        option("a date that does not exist", ["features", "log.csv", "--cutoff", "1997-02-30"], "--cutoff"),
        option("a date past 9999", ["features", "log.csv", "--cutoff", "10000-01-01"], "--cutoff"),
    ]
}

@Suite struct OptionCaseTests {
    @Test(arguments: OptionCases.all) func run(_ c: BadInputCase) throws { try BadInputRunner.run(c) }
}
