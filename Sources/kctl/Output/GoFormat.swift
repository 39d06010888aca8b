import Wire

/// Renders JSON values the way Go's `fmt` and `encoding/json` do, for kubectl's JSONPath and custom-columns output.
enum GoFormat {
    /// `fmt.Sprint` of a decoded JSON value: strings raw, `map[k:v ...]` (sorted keys), `[a b]`, `<nil>`.
    static func sprint(_ value: JSONValue) -> String {
        switch value {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return float(d, json: false)
        case .string(let s): return s
        case .array(let a): return "[" + a.map(sprint).joined(separator: " ") + "]"
        case .object(let o):
            return "map["
                + o.sorted { $0.key < $1.key }.map { "\($0.key):\(sprint($0.value))" }
                .joined(separator: " ") + "]"
        }
    }

    /// `json.Marshal`: compact, keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped as Go does.
    static func json(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? float(d, json: true) : "null"
        case .string(let s): return quote(s)
        case .array(let a): return "[" + a.map(json).joined(separator: ",") + "]"
        case .object(let o):
            return "{"
                + o.sorted { $0.key < $1.key }.map { quote($0.key) + ":" + json($0.value) }
                .joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal with Go's escaping rules.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += "\\u" + hex4(scalar.value)
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func hex4(_ v: UInt32) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// A float as Go prints it: `%v` (shortest `%g`: `0.5`, `100000`, `1e+06`, `1e-05`) or, with `json`, as
    /// `encoding/json` does (`'f'` unless below 1e-6 or from 1e21, with exponents like `1e-7`).
    static func float(_ d: Double, json: Bool) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        if d == 0 { return d.sign == .minus && !json ? "-0" : "0" }
        let (digits, pointPos) = shortestDigits(abs(d))
        let sign = d < 0 ? "-" : ""
        let exp = pointPos - 1
        let useE: Bool
        if json {
            useE = abs(d) < 1e-6 || abs(d) >= 1e21
        } else {
            // strconv's shortest %g switches to an exponent below 1e-4 or from 1e6 (precision 6).
            useE = exp < -4 || exp >= 6
        }
        if useE {
            var mantissa = String(digits.first ?? "0")
            if digits.count > 1 { mantissa += "." + String(digits.dropFirst()) }
            let e = abs(exp)
            let expDigits = json ? String(e) : (e < 10 ? "0\(e)" : String(e))
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + expDigits
        }
        if pointPos <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointPos) + String(digits)
        }
        if pointPos >= digits.count {
            return sign + String(digits) + String(repeating: "0", count: pointPos - digits.count)
        }
        let chars = Array(digits)
        return sign + String(chars[..<pointPos]) + "." + String(chars[pointPos...])
    }

    /// The shortest round-trip decimal digits of a positive finite double and the position of the decimal point
    /// (value = 0.d1d2... × 10^pointPos), taken from Swift's shortest representation.
    private static func shortestDigits(_ d: Double) -> (String, Int) {
        let text = d.description  // e.g. "123.45", "1e-05", "1.5e+20", "1000000.0"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = parts.first.map(String.init) ?? ""
        let fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = intPart + fracPart
        var pointPos = intPart.count + exponent
        while digits.hasPrefix("0") {
            digits.removeFirst()
            pointPos -= 1
        }
        while digits.hasSuffix("0") { digits.removeLast() }
        return (digits.isEmpty ? "0" : digits, pointPos)
    }
}
