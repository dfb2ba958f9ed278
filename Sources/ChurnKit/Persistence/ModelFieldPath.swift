import Foundation

/// Field paths and values for model-file messages: `coefficients[3].standardized`, `"1"`.
enum ModelFieldPath {
    /// `feature_spec.inputs[2].column` from a decoder's coding path.
    static func text(_ path: [CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text.isEmpty ? "(top level)" : text
    }

    /// The JSON value at `path` in a parsed object, if there is one.
    static func value(at path: [CodingKey], in object: Any) -> Any? {
        var current: Any? = object
        for key in path {
            if let index = key.intValue, let array = current as? [Any] {
                current = index < array.count ? array[index] : nil
            } else if let dictionary = current as? [String: Any] {
                current = dictionary[key.stringValue]
            } else {
                return nil
            }
        }
        return current
    }

    /// A JSON value as it was written: strings quoted, numbers and booleans bare, containers named.
    static func render(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: return "null"
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        default:
            guard let data = try? JSONSerialization.data(withJSONObject: value!, options: [.fragmentsAllowed]) else { return "\(value!)" }
            let text = String(decoding: data, as: UTF8.self)
            return text.count > 40 ? String(text.prefix(40)) + "…" : text
        }
    }

    static func kind(of value: Any) -> String {
        switch value {
        case is [Any]: return "an array"
        case is String: return "a string"
        case is NSNumber: return "a number"
        default: return "null"
        }
    }

    /// The JSON word for a Swift type the decoder wanted.
    static func expected(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int64.Type, is UInt64.Type, is Int32.Type: return "a whole number"
        case is Double.Type, is Float.Type: return "a number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "an object"
        }
    }

    /// The parser's reason, with its byte offset or line when it gives one.
    static func reason(of error: Error, in data: Data) -> String {
        let nsError = error as NSError
        guard let debug = nsError.userInfo["NSDebugDescription"] as? String else { return "\(error)" }
        // Foundation names a byte offset ("around character 1183"); a person wants line:column.
        guard let range = debug.range(of: "character "),
              let offset = Int(debug[range.upperBound...].prefix(while: \.isNumber)), offset <= data.count else { return debug }
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return "line \(line), column \(column): " + debug
    }
}
