/// Prints JSON values as `kubectl -o json` does (Go's `json.MarshalIndent(obj, "", "    ")` plus a newline).
///
/// Keys are sorted by bytes, `"key": value` with 4-space indentation, `{}`/`[]` for empty collections, `/` is not
/// escaped, and strings are escaped as Go's encoder does (including its HTML-safe `\u003c`, `\u003e`, `\u0026`
/// and `\u2028`/`\u2029`). Doubles use Go's layout (`1e+21`, `1e-7`, integral values without a fraction).
import KubeAPI
import Wire

public enum JSONPrinter {
    /// The indented JSON text for `value`, ending with a newline.
    public static func print(_ value: JSONValue) -> String {
        var out = ""
        write(value, depth: 0, into: &out)
        out += "\n"
        return out
    }

    /// The compact JSON text for `value`, as Go's `json.Marshal` writes it (kubectl's JSONPath output of objects
    /// and lists, the go-template's `raw data was:`): the same escaping and numbers, no whitespace.
    public static func compact(_ value: JSONValue) -> String {
        var out = ""
        write(value, depth: nil, into: &out)
        return out
    }

    /// Writes `value`; `depth` is the indentation level, or nil for compact text.
    private static func write(_ value: JSONValue, depth: Int?, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? GoNumberFormat.formatJSON(d) : "null"
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (i, item) in items.enumerated() {
                separate(first: i == 0, depth: depth, into: &out)
                write(item, depth: depth.map { $0 + 1 }, into: &out)
            }
            close(depth, into: &out)
            out += "]"
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (i, key) in keys.enumerated() {
                separate(first: i == 0, depth: depth, into: &out)
                writeString(key, into: &out)
                out += depth == nil ? ":" : ": "
                write(members[key] ?? .null, depth: depth.map { $0 + 1 }, into: &out)
            }
            close(depth, into: &out)
            out += "}"
        }
    }

    /// Before a member: a comma unless it is the first; indented, a new line and the next level's indentation.
    private static func separate(first: Bool, depth: Int?, into out: inout String) {
        if !first { out += "," }
        guard let depth else { return }
        out += "\n" + String(repeating: "    ", count: depth + 1)
    }

    /// Before a closing bracket: indented, a new line and this level's indentation.
    private static func close(_ depth: Int?, into out: inout String) {
        guard let depth else { return }
        out += "\n" + String(repeating: "    ", count: depth)
    }

    /// A JSON string literal escaped as Go's `encoding/json` escapes it with HTML escaping on.
    static func writeString(_ s: String, into out: inout String) {
        let hex = Array("0123456789abcdef".unicodeScalars)
        out.unicodeScalars.append("\"")
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += "\\u"
                for shift in [12, 8, 4, 0] { out.unicodeScalars.append(hex[Int((c.value >> UInt32(shift)) & 0xF)]) }
            default:
                if c.value < 0x20 {
                    out += "\\u00"
                    out.unicodeScalars.append(hex[Int(c.value >> 4)])
                    out.unicodeScalars.append(hex[Int(c.value & 0xF)])
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        out.unicodeScalars.append("\"")
    }
}
