import ArgumentParser
import ChurnKit

/// Messages for the person at the terminal: errors and warnings go to standard error, so standard
/// output stays data (a CSV piped onward).
enum Terminal {
    static func printError(_ message: String) {
        StandardError.write(message + "\n")
    }
}
