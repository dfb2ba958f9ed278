/// Why a record cannot be scanned.
enum CSVScanError: Error, Equatable {
    case unterminatedQuote
    case textAfterClosingQuote(offset: Int)
    /// Field `field` (0-based) of the record, starting after `lineBreaks` line breaks of the
    /// record, is longer than the limit.
    case fieldTooLong(field: Int, lineBreaks: Int)
    /// The record has more fields than the limit.
    case tooManyFields(lineBreaks: Int)
}
