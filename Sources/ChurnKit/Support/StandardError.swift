/// Unbuffered writes to standard error (fd 2) without touching the C `stderr` global, which
/// Swift 6 treats as shared mutable state.
package enum StandardError {
    /// Writes all of `text`, giving up silently if standard error is closed (there is nowhere to report it).
    package static func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = SystemCall.write(2, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
