/// ConfigMap and Secret keys, as the API server and `kubectl create configmap|secret` check them.
extension Validation {
    /// Upstream `IsConfigMapKey`: at most 253 characters of `[-._a-zA-Z0-9]+`, not `.`, `..` or `..*`.
    public static func isConfigMapKey(_ key: String) -> [String] {
        var messages: [String] = []
        if key.utf8.count > 253 { messages.append(Validation.maxLengthError(253)) }
        let valid =
            !key.isEmpty
            && key.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
            }
        if !valid {
            messages.append(
                Validation.regexError(
                    "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                    format: "[-._a-zA-Z0-9]+", examples: ["key.name", "KEY_NAME", "key-name"]))
        }
        if key == "." {
            messages.append("must not be '.'")
        } else if key == ".." {
            messages.append("must not be '..'")
        } else if key.hasPrefix("..") {
            messages.append("must not start with '..'")
        }
        return messages
    }
}
