/// Environment variable names, as the API server and `kubectl set env` check them.
extension Validation {
    /// Upstream `IsEnvVarName` (classic, non-relaxed): `[-._a-zA-Z][-._a-zA-Z0-9]*`, and not `.`, `..` or `..*`.
    public static func isEnvVarName(_ name: String) -> [String] {
        var messages: [String] = []
        let bytes = Array(name.utf8)
        let isAlpha = { (b: UInt8) in
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
        }
        let isDigit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        let isPunct = { (b: UInt8) in b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") }
        let matches =
            bytes.first.map { isAlpha($0) || isPunct($0) } == true
            && bytes.allSatisfy { isAlpha($0) || isDigit($0) || isPunct($0) }
        if !matches {
            messages.append(
                Validation.regexError(
                    "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', "
                        + "and must not start with a digit",
                    format: "[-._a-zA-Z][-._a-zA-Z0-9]*", examples: ["my.env-name", "MY_ENV.NAME", "MyEnvName1"]))
        }
        if name == "." {
            messages.append("must not be '.'")
        } else if name == ".." {
            messages.append("must not be '..'")
        } else if name.hasPrefix("..") {
            messages.append("must not start with '..'")
        }
        return messages
    }
}
